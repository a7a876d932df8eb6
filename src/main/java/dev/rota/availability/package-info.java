/**
 * Availability: working hours, out-of-office periods, status settings and the rules that turn them
 * into an effective status at an instant. The core here is plain Java: values in, values out, time passed in.
 */
package dev.rota.availability;
