package dev.rota.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts stored secrets (calendar passwords, webhook signing secrets) with AES-256-GCM (random 96-bit nonce, 128-bit tag; the owner's account and user id
 * as associated data, so a ciphertext copied to another row does not decrypt). The key is
 * {@code rota.calendar.secret-key} (base64 of 32 bytes); when none is configured, {@code calendar.key} in the data
 * directory, created on first start with owner-only permissions. Several nodes must share one configured key.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(@Value("${rota.calendar.secret-key:}") String configuredKey, @Value("${rota.data-dir}") String dataDir) {
        this.key = new SecretKeySpec(configuredKey.isBlank() ? keyFile(Path.of(dataDir).resolve("calendar.key"))
                : decode(configuredKey, "rota.calendar.secret-key"), "AES");
    }

    public String encrypt(String plain, String owner) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws GeneralSecurityException when the key changed or the value was tampered with */
    public String decrypt(String sealed, String owner) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(sealed);
        if (in.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("stored secret is truncated");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }

    private static byte[] decode(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(where + " must be 32 bytes (base64), not " + bytes.length);
        }
        return bytes;
    }

    private byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardOpenOption.WRITE);
                    log.info("Generated the calendar secret key in {}; set ROTA_CALENDAR_SECRET_KEY when running "
                            + "several nodes", file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return decode(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the calendar key " + file, e);
        }
    }
}
