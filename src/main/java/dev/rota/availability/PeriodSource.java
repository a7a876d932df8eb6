package dev.rota.availability;

/** Who created an out-of-office period. */
public enum PeriodSource { USER, ADMIN, CALENDAR }
