package dev.rota.directory;

import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.Base64;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start on an empty database: one account and its super admin, from ROTA_ADMIN_EMAIL and
 * ROTA_ADMIN_PASSWORD, or with a generated password printed once. Several nodes starting together
 * serialize on an advisory lock, so exactly one creates it.
 */
@Component
@Order(0)
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    private static final long LOCK = 0x526f74614201L;

    private final AccountRepository accounts;
    private final Users users;
    private final SignIn signIn;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final String email;
    private final String password;

    Bootstrap(AccountRepository accounts, Users users, SignIn signIn, JdbcClient jdbc, TransactionTemplate tx,
              @Value("${rota.admin.email}") String email, @Value("${rota.admin.password}") String password) {
        this.accounts = accounts;
        this.users = users;
        this.signIn = signIn;
        this.jdbc = jdbc;
        this.tx = tx;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query(Object.class).single();
            if (accounts.any()) {
                return;
            }
            String adminEmail = email.isBlank() ? "admin@rota.local" : email.trim();
            boolean generated = password.isBlank();
            String adminPassword = generated ? generatePassword() : password;
            ZoneId zone = ZoneId.of("UTC");
            Account account = signIn.createAccount("Rota", Plan.ENTERPRISE, zone);
            users.insert(account.id(), new Users.NewUser(adminEmail, "Administrator", adminPassword, Role.SUPER_ADMIN,
                    EnumSet.of(Permission.AVAILABILITY_MANAGEMENT), Seat.SERVICE, zone, null), zone);
            if (generated) {
                log.warn("Created account 'Rota' with super admin {} and generated password: {}  (shown once; set "
                        + "ROTA_ADMIN_EMAIL and ROTA_ADMIN_PASSWORD to choose your own)", adminEmail, adminPassword);
            } else {
                log.info("Created account 'Rota' with super admin {}", adminEmail);
            }
        });
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
