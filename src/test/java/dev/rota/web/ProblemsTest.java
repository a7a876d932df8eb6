package dev.rota.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

class ProblemsTest {

    @Test
    void a_request_that_lost_to_concurrent_changes_is_a_conflict_to_retry_not_an_outage() {
        var response = Problems.of(new CannotAcquireLockException("deadlock detected"));
        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(response.getBody().getType().toString()).endsWith("concurrent-change");
        assertThat(response.getBody().getDetail()).contains("nothing was changed");
    }
}
