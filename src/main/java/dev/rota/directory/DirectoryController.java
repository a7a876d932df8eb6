package dev.rota.directory;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.rota.web.Body;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import dev.rota.web.Params;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** REST API of the directory: users, teams, inboxes and the account. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Directory")
class DirectoryController {

    private final Users users;
    private final Teams teams;
    private final Inboxes inboxes;
    private final Accounts accounts;

    DirectoryController(Users users, Teams teams, Inboxes inboxes, Accounts accounts) {
        this.users = users;
        this.teams = teams;
        this.inboxes = inboxes;
        this.accounts = accounts;
    }

    record UserResponse(UUID id, String email, String name, Role role, Set<Permission> permissions, Seat seat,
                        String timeZone, Integer maxOpenConversations, boolean active, Instant createdAt,
                        Instant updatedAt) {
        static UserResponse of(User u) {
            return new UserResponse(u.id(), u.email(), u.name(), u.role(), u.permissions(), u.seat(),
                    u.timeZone().getId(), u.maxOpenConversations(), u.active(), u.createdAt(), u.updatedAt());
        }
    }

    record TeamResponse(UUID id, String name, UUID parentId, List<UUID> memberIds, Instant createdAt) {
        static TeamResponse of(Team t) {
            return new TeamResponse(t.id(), t.name(), t.parentId(), t.memberIds(), t.createdAt());
        }
    }

    record InboxResponse(UUID id, String name, Set<Channel> channels, List<UUID> memberUserIds,
                         List<UUID> memberTeamIds, Instant createdAt) {
        static InboxResponse of(Inbox i) {
            return new InboxResponse(i.id(), i.name(), i.channels(), i.memberUserIds(), i.memberTeamIds(), i.createdAt());
        }
    }

    record AccountResponse(UUID id, String name, Plan plan, String timeZone, boolean keepManualAwayAcrossShifts,
                           Integer defaultMaxOpenConversations, Instant createdAt) {
        static AccountResponse of(Account a) {
            return new AccountResponse(a.id(), a.name(), a.plan(), a.timeZone().getId(), a.keepManualAwayAcrossShifts(),
                    a.defaultMaxOpenConversations(), a.createdAt());
        }
    }

    // ---- request bodies as documented: read field by field with Body, which springdoc cannot see

    @Schema(name = "NewUser")
    record NewUserDoc(@Schema(requiredMode = REQUIRED, format = "email", maxLength = 254) String email,
                      @Schema(requiredMode = REQUIRED, maxLength = 200) String name,
                      @Schema(minLength = 8, maxLength = 200, description = "absent: the user cannot sign in yet")
                      String password,
                      @Schema(defaultValue = "USER") Role role,
                      Set<Permission> permissions,
                      @Schema(defaultValue = "NONE") Seat seat,
                      @Schema(maxLength = 64, example = "Europe/Amsterdam",
                              description = "an IANA time zone; absent: the account's") String timeZone,
                      @Schema(minimum = "0", maximum = "100000", description = "absent or null: the account default")
                      Integer maxOpenConversations) {
    }

    @Schema(name = "UserChanges", description = "A field absent or null is left as it is, except where said. "
            + "Users may change their own name, password and timeZone; everything else needs a super admin.")
    record UserChangesDoc(@Schema(format = "email", maxLength = 254) String email,
                          @Schema(maxLength = 200) String name,
                          @Schema(minLength = 8, maxLength = 200) String password,
                          @Schema(maxLength = 200, description = "needed to set one's own password")
                          String currentPassword,
                          Role role,
                          @Schema(description = "replaces them; null: none") Set<Permission> permissions,
                          Seat seat,
                          @Schema(maxLength = 64, example = "Europe/Amsterdam", description = "an IANA time zone")
                          String timeZone,
                          @Schema(minimum = "0", maximum = "100000", description = "null: the account default")
                          Integer maxOpenConversations,
                          @Schema(description = "false deactivates the user, true reactivates") Boolean active) {
    }

    @Schema(name = "NewTeam")
    record NewTeamDoc(@Schema(requiredMode = REQUIRED, maxLength = 200) String name,
                      UUID parentId,
                      @Schema(description = "user ids") List<UUID> memberIds) {
    }

    @Schema(name = "TeamChanges", description = "A field absent or null is left as it is, except parentId.")
    record TeamChangesDoc(@Schema(maxLength = 200) String name,
                          @Schema(description = "null: no parent") UUID parentId,
                          @Schema(description = "user ids; replaces the members") List<UUID> memberIds) {
    }

    @Schema(name = "NewInbox")
    record NewInboxDoc(@Schema(requiredMode = REQUIRED, maxLength = 200) String name,
                       @Schema(requiredMode = REQUIRED, description = "at least one") Set<Channel> channels,
                       List<UUID> memberUserIds,
                       @Schema(description = "teams whose users are members") List<UUID> memberTeamIds) {
    }

    @Schema(name = "InboxChanges", description = "A field absent or null is left as it is; a list replaces the "
            + "stored one.")
    record InboxChangesDoc(@Schema(maxLength = 200) String name,
                           @Schema(description = "at least one") Set<Channel> channels,
                           List<UUID> memberUserIds,
                           List<UUID> memberTeamIds) {
    }

    @Schema(name = "AccountChanges", description = "A field absent or null is left as it is, except "
            + "defaultMaxOpenConversations. Super admins only.")
    record AccountChangesDoc(@Schema(maxLength = 200) String name,
                             Plan plan,
                             @Schema(maxLength = 64, example = "Europe/Amsterdam", description = "an IANA time zone")
                             String timeZone,
                             @Schema(description = "an Away set by users themselves also lasts across later starts "
                                     + "of their working hours") Boolean keepManualAwayAcrossShifts,
                             @Schema(minimum = "0", maximum = "100000",
                                     description = "the open-conversation limit of users without their own; null: "
                                             + "no limit") Integer defaultMaxOpenConversations) {
    }

    // ---- users

    @GetMapping("/users")
    PageResponse<UserResponse> listUsers(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        PageResponse<User> result = users.list(me, q, PageRequest.of(page, size));
        return result.map(UserResponse::of);
    }

    @GetMapping("/users/{id}")
    UserResponse getUser(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return UserResponse.of(users.get(me, Params.pathId(id, "user")));
    }

    @PostMapping("/users")
    @ApiResponse(responseCode = "201", description = "created")
    ResponseEntity<UserResponse> createUser(@AuthenticationPrincipal CurrentUser me,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = NewUserDoc.class)))
            @RequestBody JsonNode json) {
        Body body = Body.of(json, "email", "name", "password", "role", "permissions", "seat", "timeZone",
                "maxOpenConversations");
        var n = new Users.NewUser(body.email("email", true), body.requiredText("name", 200),
                password(body), body.enumValue("role", Role.class, false),
                body.enumSet("permissions", Permission.class), body.enumValue("seat", Seat.class, false),
                body.zone("timeZone", false), body.nullableInt("maxOpenConversations", 0, 100_000));
        body.validate();
        User created = users.create(me, n, accounts.get(me).timeZone());
        return ResponseEntity.status(HttpStatus.CREATED).body(UserResponse.of(created));
    }

    @PatchMapping("/users/{id}")
    UserResponse updateUser(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = UserChangesDoc.class)))
            @RequestBody JsonNode json) {
        UUID userId = Params.pathId(id, "user");
        Body body = Body.of(json, "email", "name", "password", "currentPassword", "role", "permissions", "seat",
                "timeZone", "maxOpenConversations", "active");
        var c = new Users.UserChanges(body.email("email", false), body.text("name", 200), password(body),
                body.secret("currentPassword", 200),
                body.enumValue("role", Role.class, false),
                body.has("permissions") ? body.enumSet("permissions", Permission.class) : null,
                body.enumValue("seat", Seat.class, false), body.zone("timeZone", false),
                body.has("maxOpenConversations"), body.nullableInt("maxOpenConversations", 0, 100_000),
                body.bool("active"));
        body.validate();
        return UserResponse.of(users.update(me, userId, c));
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<org.springframework.http.ProblemDetail> tooMany(TooManyAttemptsException e) {
        return AuthController.tooManyAttempts(e);
    }

    @DeleteMapping("/users/{id}")
    UserResponse deactivateUser(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return UserResponse.of(users.deactivate(me, Params.pathId(id, "user")));
    }

    static String password(Body body) {
        if (!body.has("password")) {
            return null;
        }
        String password = body.secret("password", 200);
        if (password != null && Body.characters(password) < 8) {
            body.error("password", "must be at least 8 characters");
            return null;
        }
        return password;
    }

    // ---- teams

    @GetMapping("/teams")
    PageResponse<TeamResponse> listTeams(@AuthenticationPrincipal CurrentUser me,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        PageResponse<Team> result = teams.list(me, PageRequest.of(page, size));
        return result.map(TeamResponse::of);
    }

    @GetMapping("/teams/{id}")
    TeamResponse getTeam(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return TeamResponse.of(teams.get(me, Params.pathId(id, "team")));
    }

    @PostMapping("/teams")
    @ApiResponse(responseCode = "201", description = "created")
    ResponseEntity<TeamResponse> createTeam(@AuthenticationPrincipal CurrentUser me,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = NewTeamDoc.class)))
            @RequestBody JsonNode json) {
        Body body = Body.of(json, "name", "parentId", "memberIds");
        String name = body.requiredText("name", 200);
        UUID parent = body.id("parentId");
        List<UUID> members = body.ids("memberIds");
        body.validate();
        return ResponseEntity.status(HttpStatus.CREATED).body(TeamResponse.of(teams.create(me, name, parent, members)));
    }

    @PatchMapping("/teams/{id}")
    TeamResponse updateTeam(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = TeamChangesDoc.class)))
            @RequestBody JsonNode json) {
        UUID teamId = Params.pathId(id, "team");
        Body body = Body.of(json, "name", "parentId", "memberIds");
        var c = new Teams.TeamChanges(body.text("name", 200), body.has("parentId"), body.id("parentId"),
                body.present("memberIds") ? body.ids("memberIds") : null); // parentId: null clears it
        body.validate();
        return TeamResponse.of(teams.update(me, teamId, c));
    }

    @DeleteMapping("/teams/{id}")
    @ApiResponse(responseCode = "204", description = "deleted")
    ResponseEntity<Void> deleteTeam(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        teams.delete(me, Params.pathId(id, "team"));
        return ResponseEntity.noContent().build();
    }

    // ---- inboxes

    @GetMapping("/inboxes")
    PageResponse<InboxResponse> listInboxes(@AuthenticationPrincipal CurrentUser me,
                                            @RequestParam(required = false) Integer page,
                                            @RequestParam(required = false) Integer size) {
        PageResponse<Inbox> result = inboxes.list(me, PageRequest.of(page, size));
        return result.map(InboxResponse::of);
    }

    @GetMapping("/inboxes/{id}")
    InboxResponse getInbox(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return InboxResponse.of(inboxes.get(me, Params.pathId(id, "inbox")));
    }

    @PostMapping("/inboxes")
    @ApiResponse(responseCode = "201", description = "created")
    ResponseEntity<InboxResponse> createInbox(@AuthenticationPrincipal CurrentUser me,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = NewInboxDoc.class)))
            @RequestBody JsonNode json) {
        Body body = Body.of(json, "name", "channels", "memberUserIds", "memberTeamIds");
        String name = body.requiredText("name", 200);
        Set<Channel> channels = body.enumSet("channels", Channel.class);
        if (channels.isEmpty() && !body.present("channels")) {
            body.error("channels", "is required: at least one of " + List.of(Channel.values()));
        }
        List<UUID> userIds = body.ids("memberUserIds");
        List<UUID> teamIds = body.ids("memberTeamIds");
        body.validate();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(InboxResponse.of(inboxes.create(me, name, channels, userIds, teamIds)));
    }

    @PatchMapping("/inboxes/{id}")
    InboxResponse updateInbox(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = InboxChangesDoc.class)))
            @RequestBody JsonNode json) {
        UUID inboxId = Params.pathId(id, "inbox");
        Body body = Body.of(json, "name", "channels", "memberUserIds", "memberTeamIds");
        // as everywhere in a PATCH, a field absent or null is left as it is
        var c = new Inboxes.InboxChanges(body.text("name", 200),
                body.present("channels") ? body.enumSet("channels", Channel.class) : null,
                body.present("memberUserIds") ? body.ids("memberUserIds") : null,
                body.present("memberTeamIds") ? body.ids("memberTeamIds") : null);
        body.validate();
        return InboxResponse.of(inboxes.update(me, inboxId, c));
    }

    @DeleteMapping("/inboxes/{id}")
    @ApiResponse(responseCode = "204", description = "archived")
    ResponseEntity<Void> deleteInbox(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        inboxes.delete(me, Params.pathId(id, "inbox"));
        return ResponseEntity.noContent().build();
    }

    // ---- account

    @GetMapping("/account")
    AccountResponse getAccount(@AuthenticationPrincipal CurrentUser me) {
        return AccountResponse.of(accounts.get(me));
    }

    @PatchMapping("/account")
    AccountResponse updateAccount(@AuthenticationPrincipal CurrentUser me,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = AccountChangesDoc.class)))
            @RequestBody JsonNode json) {
        Body body = Body.of(json, "name", "plan", "timeZone", "keepManualAwayAcrossShifts", "defaultMaxOpenConversations");
        var c = new Accounts.AccountChanges(body.text("name", 200), body.enumValue("plan", Plan.class, false),
                body.zone("timeZone", false), body.bool("keepManualAwayAcrossShifts"),
                body.has("defaultMaxOpenConversations"), body.nullableInt("defaultMaxOpenConversations", 0, 100_000));
        body.validate();
        return AccountResponse.of(accounts.update(me, c));
    }
}
