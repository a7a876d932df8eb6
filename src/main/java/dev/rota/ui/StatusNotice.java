package dev.rota.ui;

import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Reason;
import dev.rota.availability.Status;
import java.time.ZoneId;

/**
 * What to tell whoever set someone Available when a rule that comes first keeps them Away (out of office,
 * outside working hours): without it the button looks as if it did nothing. A message key and its arguments.
 *
 * @param name  whose status it is (for the admin's message)
 * @param until when they become Available, in the viewer's zone; empty when nothing is scheduled
 */
public record StatusNotice(String key, String name, String until) {

    /** The notice after setting someone (or oneself) Available, or null when they are Available now. */
    static StatusNotice afterAvailable(EffectiveStatus now, boolean self, String name, ZoneId viewerZone,
                                       UiFormat format) {
        if (now.status() != Status.AWAY
                || (now.reason() != Reason.OUTSIDE_WORKING_HOURS && now.reason() != Reason.OUT_OF_OFFICE)) {
            return null;
        }
        String key = "notice." + (self ? "self." : "other.") + now.reason() + (now.until() == null ? ".open" : "");
        return new StatusNotice(key, name, now.until() == null ? "" : format.at(now.until(), viewerZone));
    }
}
