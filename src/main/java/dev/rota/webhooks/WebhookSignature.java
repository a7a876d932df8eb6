package dev.rota.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Rota-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} with the endpoint's
 * secret. The timestamp is signed so a receiver can refuse replays of old deliveries.
 */
public final class WebhookSignature {

    public static final String HEADER = "Rota-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: {@code whsec_} and 32 random bytes, base64url. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String header(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * What a receiver does: true when {@code header} carries a valid v1 signature of {@code body} made at most
     * {@code toleranceSeconds} away from {@code nowSeconds}.
     */
    public static boolean verify(String secret, String header, byte[] body, long nowSeconds, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String p = part.trim();
            try {
                if (p.startsWith("t=")) {
                    timestamp = Long.parseLong(p.substring(2));
                } else if (p.startsWith("v1=")) {
                    given = HexFormat.of().parseHex(p.substring(3));
                }
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        if (timestamp == null || given == null || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(secret, timestamp, body));
    }

    private static byte[] mac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
