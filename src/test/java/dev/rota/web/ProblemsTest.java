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

    @Test
    void a_database_that_cannot_be_reached_is_a_503_to_retry_not_an_internal_error() {
        var noConnection = new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException("rota-embedded - Connection is not available, request timed out"));
        var terminated = new org.springframework.dao.DataAccessResourceFailureException("insert",
                new java.sql.SQLException("terminating connection due to administrator command", "57P01"));
        var refused = new org.springframework.dao.DataAccessResourceFailureException("select",
                new java.sql.SQLException("Connection to 127.0.0.1:40295 refused", "08001"));
        for (Exception e : java.util.List.of(noConnection, terminated, refused)) {
            var response = Problems.of(e);
            assertThat(response.getStatusCode().value()).as(e.toString()).isEqualTo(503);
            assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(response.getBody().getType().toString()).endsWith("database-unavailable");
            assertThat(response.getBody().getDetail()).contains("never stored twice");
        }
        // a query the database refused is still an error of ours
        var syntax = new org.springframework.jdbc.BadSqlGrammarException("select", "selec 1",
                new java.sql.SQLException("syntax error", "42601"));
        assertThat(Problems.of(syntax).getStatusCode().value()).isEqualTo(500);
    }
}
