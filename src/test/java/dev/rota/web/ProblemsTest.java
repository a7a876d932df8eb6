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

    @Test
    void a_foreign_key_lost_to_a_concurrent_delete_is_a_conflict_and_other_constraint_violations_stay_errors() {
        var fk = new org.springframework.dao.DataIntegrityViolationException("insert",
                new java.sql.SQLException("violates foreign key constraint", "23503"));
        assertThat(Problems.of(fk).getStatusCode().value()).isEqualTo(409);
        var notNull = new org.springframework.dao.DataIntegrityViolationException("insert",
                new java.sql.SQLException("null value violates not-null constraint", "23502"));
        assertThat(Problems.of(notNull).getStatusCode().value()).isEqualTo(500);
    }
}
