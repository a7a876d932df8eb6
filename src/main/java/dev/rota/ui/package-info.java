/**
 * The server-rendered web UI (Thymeleaf + htmx): sign-in, the inbox status menu, working hours and
 * out of office, availability management, inbox settings and coverage. It calls the features' services only.
 */
package dev.rota.ui;
