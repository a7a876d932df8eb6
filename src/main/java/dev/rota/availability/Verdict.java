package dev.rota.availability;

/** The (status, reason) pairs the rules can produce. */
enum Verdict {
    OUT_OF_OFFICE(Status.AWAY, Reason.OUT_OF_OFFICE),
    TEMPORARILY_AWAY(Status.AWAY, Reason.TEMPORARILY_AWAY),
    OUTSIDE_WORKING_HOURS(Status.AWAY, Reason.OUTSIDE_WORKING_HOURS),
    SET_BY_ADMIN(Status.AWAY, Reason.SET_BY_ADMIN),
    MANUAL_AWAY(Status.AWAY, Reason.MANUAL),
    MANUAL_AVAILABLE(Status.AVAILABLE, Reason.MANUAL),
    WORKING_HOURS(Status.AVAILABLE, Reason.WORKING_HOURS),
    DEFAULT(Status.AVAILABLE, Reason.DEFAULT);

    final Status status;
    final Reason reason;

    Verdict(Status status, Reason reason) {
        this.status = status;
        this.reason = reason;
    }

    static Verdict manual(Status status) {
        return status == Status.AWAY ? MANUAL_AWAY : MANUAL_AVAILABLE;
    }
}
