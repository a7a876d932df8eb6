package dev.rota.directory;

public enum Channel {
    EMAIL, CHAT, FORM, CALLING, WHATSAPP, MESSENGER
}
