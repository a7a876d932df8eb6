package dev.rota.calendar.service;

/** What reading a calendar left: what to record on the link, and whether Rota's or the calendar's periods changed. */
record SyncRead(CalendarLinkRepository.Success success, boolean changed) {

    /** The note a sync with warnings leaves: the first warning (the count is recorded besides). */
    static String summary(java.util.List<String> warnings) {
        return warnings.isEmpty() ? null : warnings.get(0);
    }
}
