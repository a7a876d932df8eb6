/**
 * Platform: the database (embedded or external), the one clock, and other wiring shared by all
 * features. Holds no business rules.
 */
package dev.rota.platform;
