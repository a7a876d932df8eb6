package dev.rota.availability;

/** Why a user has their effective status; see {@link AvailabilityRules} for the precedence. */
public enum Reason { OUT_OF_OFFICE, TEMPORARILY_AWAY, OUTSIDE_WORKING_HOURS, SET_BY_ADMIN, MANUAL, WORKING_HOURS, DEFAULT }
