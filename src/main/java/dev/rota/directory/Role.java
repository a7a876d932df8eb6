package dev.rota.directory;

public enum Role {
    SUPER_ADMIN, USER
}
