package dev.rota.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The instance's operator token ({@code ROTA_OPERATOR_TOKEN}), recognised in an {@code Authorization} header. */
@Component
public class OperatorToken {

    private final byte[] header;

    OperatorToken(@Value("${rota.operator.token}") String token) {
        if (!token.isEmpty() && token.length() < 32) {
            throw new IllegalStateException("ROTA_OPERATOR_TOKEN must be at least 32 characters (or unset)");
        }
        this.header = token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether this {@code Authorization} header carries the operator token (in constant time: no guessing by timing). */
    public boolean matches(String authorization) {
        return header != null && authorization != null
                && MessageDigest.isEqual(header, authorization.getBytes(StandardCharsets.UTF_8));
    }
}
