package dev.rota.availability;

/** Whether a user can take conversations. */
public enum Status { AVAILABLE, AWAY }
