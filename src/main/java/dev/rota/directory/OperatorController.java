package dev.rota.directory;

import dev.rota.web.Body;
import dev.rota.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * What the operator of this Rota (whoever runs it and bills its accounts) does with the instance's operator token
 * ({@code ROTA_OPERATOR_TOKEN}; unset: no operator): set an account's plan. Nothing here reads an account's data.
 */
@RestController
@RequestMapping("/api/v1/operator/accounts")
@Tag(name = "Operator")
class OperatorController {

    private final Accounts accounts;

    OperatorController(Accounts accounts) {
        this.accounts = accounts;
    }

    record AccountPlan(UUID id, String name, Plan plan) {
        static AccountPlan of(Account a) {
            return new AccountPlan(a.id(), a.name(), a.plan());
        }
    }

    record PlanDoc(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Plan plan) {
    }

    @GetMapping("/{id}")
    @Operation(summary = "An account's plan (operator token only)")
    AccountPlan get(@PathVariable String id) {
        return AccountPlan.of(accounts.find(Params.pathId(id, "account")));
    }

    @PutMapping("/{id}/plan")
    @Operation(summary = "Set an account's plan (operator token only)")
    AccountPlan setPlan(@PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = PlanDoc.class)))
            @RequestBody JsonNode json) {
        UUID accountId = Params.pathId(id, "account");
        Body body = Body.of(json, "plan");
        Plan plan = body.enumValue("plan", Plan.class, true);
        body.validate();
        return AccountPlan.of(accounts.setPlan(accountId, plan));
    }
}
