package dev.rota.directory;

public enum Permission {
    /** May change other users' availability status (with a paid seat). */
    AVAILABILITY_MANAGEMENT
}
