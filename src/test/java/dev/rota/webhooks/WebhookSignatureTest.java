package dev.rota.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_signature_verifies_with_its_secret_body_and_time_only() {
        String secret = WebhookSignature.newSecret();
        String header = WebhookSignature.header(secret, 1_800_000_000L, BODY);
        assertThat(header).matches("t=1800000000,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(secret, header, BODY, 1_800_000_100L, 300)).isTrue();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), header, BODY, 1_800_000_000L, 300)).isFalse();
        assertThat(WebhookSignature.verify(secret, header, "{\"id\":2}".getBytes(StandardCharsets.UTF_8),
                1_800_000_000L, 300)).isFalse();
        // a replay long after, or a timestamp moved to look fresh
        assertThat(WebhookSignature.verify(secret, header, BODY, 1_800_000_301L, 300)).isFalse();
        assertThat(WebhookSignature.verify(secret, header.replace("t=1800000000", "t=1800000301"), BODY,
                1_800_000_301L, 300)).isFalse();
        for (String malformed : new String[]{null, "", "v1=00", "t=x,v1=00", "t=1800000000,v1=zz", "t=1800000000"}) {
            assertThat(WebhookSignature.verify(secret, malformed, BODY, 1_800_000_000L, 300)).as(malformed).isFalse();
        }
    }

    @Test
    void secrets_are_new_each_time() {
        assertThat(WebhookSignature.newSecret()).startsWith("whsec_").hasSize(6 + 43)
                .isNotEqualTo(WebhookSignature.newSecret());
    }

    @Test
    void the_schedule_pauses_longer_each_time_and_ends() {
        Duration total = Duration.ZERO;
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt < RetrySchedule.MAX_ATTEMPTS; attempt++) {
            Duration pause = RetrySchedule.after(attempt).orElseThrow();
            assertThat(pause).isGreaterThan(previous);
            previous = pause;
            total = total.plus(pause);
        }
        assertThat(RetrySchedule.after(RetrySchedule.MAX_ATTEMPTS)).isEmpty();
        assertThat(RetrySchedule.MAX_ATTEMPTS).isEqualTo(10);
        assertThat(total).isBetween(Duration.ofHours(15), Duration.ofHours(17));
    }
}
