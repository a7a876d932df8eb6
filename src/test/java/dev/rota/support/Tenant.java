package dev.rota.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One test account: its super admin's API client and helpers to fill its directory. */
public final class Tenant {

    private final IntegrationTest test;
    public final String accountId;
    public final String adminId;
    public final String adminEmail;
    public final Api admin;

    Tenant(IntegrationTest test, String accountId, String adminId, String adminEmail, Api admin) {
        this.test = test;
        this.accountId = accountId;
        this.adminId = adminId;
        this.adminEmail = adminEmail;
        this.admin = admin;
    }

    /** Creates a user with a password and returns their id. Extra fields override the defaults. */
    public String user(String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", name.toLowerCase().replace(' ', '.') + "-" + accountId.substring(0, 8) + "@example.test");
        body.put("name", name);
        body.put("password", "password-" + name.toLowerCase().replace(' ', '-'));
        body.put("seat", "SERVICE");
        body.putAll(extra);
        Api.Response r = admin.post("/api/v1/users", body);
        if (r.status() != 201) {
            throw new IllegalStateException("user creation failed: " + r);
        }
        return r.id();
    }

    public String user(String name) {
        return user(name, Map.of());
    }

    /** The password of the account's first super admin (made by sign-up). */
    public static final String ADMIN_PASSWORD = "correct-horse";

    /** The email of a user made by {@link #user}. */
    public String email(String name) {
        return name.toLowerCase().replace(' ', '.') + "-" + accountId.substring(0, 8) + "@example.test";
    }

    /** The password of a user made by {@link #user}. */
    public String password(String name) {
        return "password-" + name.toLowerCase().replace(' ', '-');
    }

    /** Signs in as a user made by {@link #user} and returns their API client. */
    public Api signIn(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "-" + accountId.substring(0, 8) + "@example.test";
        Api.Response r = test.anonymous().post("/api/v1/auth/tokens",
                Map.of("email", email, "password", "password-" + name.toLowerCase().replace(' ', '-')));
        if (r.status() != 201) {
            throw new IllegalStateException("sign-in failed: " + r);
        }
        return admin.as(r.text("token"));
    }

    public String team(String name, List<String> memberIds) {
        Api.Response r = admin.post("/api/v1/teams", Map.of("name", name, "memberIds", memberIds));
        if (r.status() != 201) {
            throw new IllegalStateException("team creation failed: " + r);
        }
        return r.id();
    }

    public String inbox(String name, List<String> channels, List<String> userIds, List<String> teamIds) {
        Api.Response r = admin.post("/api/v1/inboxes", Map.of("name", name, "channels", channels,
                "memberUserIds", userIds, "memberTeamIds", teamIds));
        if (r.status() != 201) {
            throw new IllegalStateException("inbox creation failed: " + r);
        }
        return r.id();
    }

    /** The operator sets the account's plan (the account itself cannot). */
    public Api.Response setPlan(String plan) {
        return test.operator().put("/api/v1/operator/accounts/" + accountId + "/plan", Map.of("plan", plan));
    }
}
