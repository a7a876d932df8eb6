package dev.rota.directory;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ROTA_DEMO=true}: a demo account ("Demo", sign in as manager@demo.rota / demo-password) with
 * teams, inboxes and 20 users in three time zones, so the UI has something to show. Seeded once.
 */
@Component
@Order(1)
@ConditionalOnBooleanProperty("rota.demo")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo-password";
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Amsterdam"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Tokyo"));
    private static final String[] NAMES = {"Anna de Vries", "Bram Jansen", "Carmen Ortiz", "Daan Bakker", "Emma Visser",
            "Finn Smit", "Grace Lee", "Hugo Meijer", "Iris Mulder", "Jack Brown", "Kenji Sato", "Lotte de Boer",
            "Mia Wong", "Noah Davis", "Olivia Chen", "Pieter Bos", "Quinn Taylor", "Ruby Wilson", "Sofia Rossi",
            "Tom Peters"};

    private final AccountRepository accounts;
    private final SignIn signIn;
    private final Users users;
    private final TeamRepository teams;
    private final InboxRepository inboxes;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    DemoData(AccountRepository accounts, SignIn signIn, Users users, TeamRepository teams, InboxRepository inboxes,
             JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.users = users;
        this.teams = teams;
        this.inboxes = inboxes;
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", 0x526f746144656dL).query(Object.class).single();
            if (accounts.findByName("Demo").isPresent()) {
                return;
            }
            ZoneId amsterdam = ZONES.get(0);
            Account account = signIn.createAccount("Demo", Plan.ENTERPRISE, amsterdam);
            User manager = users.insert(account.id(), new Users.NewUser("manager@demo.rota", "Maria Manager", PASSWORD,
                    Role.SUPER_ADMIN, EnumSet.of(Permission.AVAILABILITY_MANAGEMENT), Seat.SERVICE, amsterdam, null),
                    amsterdam);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < NAMES.length; i++) {
                String email = NAMES[i].toLowerCase().replaceAll("[^a-z]+", ".") + "@demo.rota";
                Seat seat = i % 7 == 6 ? Seat.NONE : (i % 3 == 0 ? Seat.SALES : Seat.SERVICE);
                Set<Permission> permissions = i == 1 ? EnumSet.of(Permission.AVAILABILITY_MANAGEMENT)
                        : EnumSet.noneOf(Permission.class);
                ids.add(users.insert(account.id(), new Users.NewUser(email, NAMES[i], PASSWORD, Role.USER, permissions,
                        seat, ZONES.get(i % 3), i % 4 == 0 ? 5 : null), amsterdam).id());
            }
            var now = account.createdAt();
            Team europe = new Team(account.id(), UUID.randomUUID(), "Support Europe", null, everyThird(ids, 0), now);
            Team americas = new Team(account.id(), UUID.randomUUID(), "Support Americas", null, everyThird(ids, 1), now);
            Team apac = new Team(account.id(), UUID.randomUUID(), "Support APAC", null, everyThird(ids, 2), now);
            Team sales = new Team(account.id(), UUID.randomUUID(), "Sales", null, List.of(ids.get(0), ids.get(3), ids.get(9)), now);
            for (Team t : List.of(europe, americas, apac, sales)) {
                teams.insert(t);
            }
            inboxes.insert(new Inbox(account.id(), UUID.randomUUID(), "Help desk", EnumSet.of(Channel.EMAIL, Channel.CHAT, Channel.FORM),
                    List.of(), List.of(europe.id(), americas.id(), apac.id()), now));
            inboxes.insert(new Inbox(account.id(), UUID.randomUUID(), "Sales inbox", EnumSet.of(Channel.EMAIL, Channel.CALLING),
                    List.of(manager.id()), List.of(sales.id()), now));
            inboxes.insert(new Inbox(account.id(), UUID.randomUUID(), "WhatsApp", EnumSet.of(Channel.WHATSAPP, Channel.MESSENGER),
                    List.of(ids.get(4), ids.get(5), ids.get(10)), List.of(), now));
            events.publishEvent(new DemoAccountCreated(account.id(), ids));
            log.info("Seeded demo account: sign in as manager@demo.rota / {}", PASSWORD);
        });
    }

    private static List<UUID> everyThird(List<UUID> ids, int offset) {
        List<UUID> result = new ArrayList<>();
        for (int i = offset; i < ids.size(); i += 3) {
            result.add(ids.get(i));
        }
        return result;
    }
}
