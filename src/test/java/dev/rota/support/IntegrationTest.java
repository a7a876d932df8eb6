package dev.rota.support;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Base of integration tests: the whole service on a random port over a real (embedded) PostgreSQL,
 * shared by all test classes through Spring's context cache. Each test makes its own account, so
 * tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rota.data-dir=target/test-data/${random.uuid}",
        "rota.embedded.durable=false",
        "rota.admin.email=root@rota.test",
        "rota.admin.password=bootstrap-secret",
        "rota.demo=true",
        "rota.login.max-attempts=5",
        "rota.operator.token=" + IntegrationTest.OPERATOR_TOKEN,
        "rota.login.max-attempts-per-address=100000",
        "rota.signup.max-per-address=1000000", // every test account is signed up from 127.0.0.1
        "server.address=127.0.0.1",
        // calendar tests serve feeds and run Radicale on 127.0.0.1; the address rule has its own tests
        "rota.calendar.allow-private-networks=true",
        "rota.calendar.poll-interval=200ms",
        // webhook tests receive on 127.0.0.1 too
        "rota.webhooks.allow-private-networks=true",
        "rota.webhooks.poll-interval=100ms",
        "logging.level.org.springframework.test=WARN",
        "logging.level.org.springframework.boot.test=WARN"
})
@Import(TestClockConfiguration.class)
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @BeforeEach
    void realTime() {
        clock.followRealTime();
    }

    /** The instance's operator token in tests (plans are the operator's to change). */
    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

    /** The operator of this Rota: sets accounts' plans, and may use nothing else. */
    protected Api operator() {
        return new Api("http://127.0.0.1:" + port, OPERATOR_TOKEN);
    }

    protected Api anonymous() {
        return new Api("http://127.0.0.1:" + port, null);
    }

    /** A new account with its super admin signed in. */
    protected Tenant newTenant() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "owner-" + suffix + "@example.test";
        Api.Response r = anonymous().post("/api/v1/signup", Map.of("accountName", "Acme " + suffix,
                "name", "Olivia Owner", "email", email, "password", "correct-horse", "timeZone", "Europe/Amsterdam"));
        if (r.status() != 201) {
            throw new IllegalStateException("signup failed: " + r);
        }
        return new Tenant(this, r.text("accountId"), r.text("userId"), email, new Api("http://127.0.0.1:" + port, r.text("token")));
    }
}
