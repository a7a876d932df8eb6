/**
 * Availability's adapters: storage of schedules, periods and settings, the recorded status and its
 * history, the boundary worker that records changes reached by the clock, the REST API and the live
 * event stream. The rules themselves live in {@code dev.rota.availability}.
 */
package dev.rota.availability.service;
