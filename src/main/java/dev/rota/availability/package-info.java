/**
 * Availability: working hours, out-of-office periods, status settings and the rules that turn them
 * into an effective status at an instant. The core is plain Java: values in, values out, time passed in.
 *
 * <p>Decisions the spec leaves open, taken here:
 * <ul>
 *   <li>Local times resolve with {@link java.time.ZonedDateTime#of}: a time in a spring-forward gap moves
 *       forward by the gap, a repeated time takes the earlier offset. A working span or period whose end
 *       thereby resolves to no later than its start is empty on that date
 *       ({@link dev.rota.availability.OutOfOfficePeriod#resolve} returns an empty Optional).</li>
 *   <li>Ranges merge in local time first (per minute of the week), then each merged span is resolved per
 *       date; spans that overlap in instants (around a gap) merge again.</li>
 *   <li>A status setting takes effect at its {@code at}; before it the rules see no setting. An expired
 *       temporary away is no setting at all.</li>
 *   <li>A schedule covering the whole week is one endless working span: a manual setting made in it
 *       lasts until the next setting, like a user without a schedule (but with reason WORKING_HOURS
 *       when none applies).</li>
 *   <li>{@code since} and {@code next} look at most 400 days back and ahead; beyond that they are null.</li>
 * </ul>
 */
package dev.rota.availability;
