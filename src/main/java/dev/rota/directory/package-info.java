/**
 * Directory: accounts (tenants), users with roles, permissions and seats, teams and inboxes, and how
 * a caller proves who they are (passwords, API tokens). Every query is scoped by account.
 */
package dev.rota.directory;
