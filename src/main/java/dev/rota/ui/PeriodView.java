package dev.rota.ui;

import dev.rota.availability.PeriodSource;

/** An out-of-office period as listed: start and end already written in the user's zone. */
public record PeriodView(String id, String start, String end, boolean wholeDays, PeriodSource source) {
}
