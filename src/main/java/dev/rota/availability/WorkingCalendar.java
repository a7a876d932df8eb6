package dev.rota.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working hours turned into instants: the union of every merged local span on every date,
 * each span converted with {@link ZonedDateTime#of} (gap → forward, overlap → earlier offset);
 * a span whose end resolves to no later than its start is empty. The union is kept as disjoint,
 * non-adjacent intervals, built lazily per block of 16 weeks and cached, so lookups are binary searches.
 */
final class WorkingCalendar {

    private static final long BLOCK_SECONDS = 16L * 7 * 86_400;
    private static final int MAX_BLOCK_HOPS = 40;
    private static final int MAX_SHARED = 512;
    private static final int MAX_BLOCKS = 128;
    private static final Map<WorkingHours, WorkingCalendar> SHARED = new ConcurrentHashMap<>();

    private final ZoneId zone;
    private final WeeklySpans spans;
    private final Map<Long, Block> blocks = new ConcurrentHashMap<>();
    private volatile Block lastBlock;

    private WorkingCalendar(WorkingHours hours) {
        this.zone = hours.zone();
        this.spans = WeeklySpans.of(hours.ranges());
    }

    /** Calendars are derived from immutable values, so equal working hours share one. */
    static WorkingCalendar of(WorkingHours hours) {
        WorkingCalendar calendar = SHARED.get(hours);
        if (calendar == null) {
            if (SHARED.size() >= MAX_SHARED) {
                SHARED.clear();
            }
            calendar = SHARED.computeIfAbsent(hours, WorkingCalendar::new);
        }
        return calendar;
    }

    boolean always() {
        return spans.always;
    }

    boolean isWorking(Instant t) {
        if (spans.always) {
            return true;
        }
        int i = block(blockIndex(t)).lastAtOrBefore(t);
        return i >= 0 && (i & 1) == 0;
    }

    /** Start of the working interval containing t; {@link Instant#MIN} when always working; null when not working. */
    Instant spanStart(Instant t) {
        if (spans.always) {
            return Instant.MIN;
        }
        Block block = block(blockIndex(t));
        int i = block.lastAtOrBefore(t);
        return i >= 0 && (i & 1) == 0 ? block.bounds[i] : null;
    }

    /** The first start or end of working time strictly after t, or null. */
    Instant nextBoundary(Instant t) {
        if (spans.always || spans.size() == 0) {
            return null;
        }
        long index = blockIndex(t);
        for (int hop = 0; hop < MAX_BLOCK_HOPS; hop++) {
            Block block = block(index + hop);
            int i = block.lastAtOrBefore(t) + 1;
            if (i < block.bounds.length) {
                return block.bounds[i];
            }
        }
        return null;
    }

    /** The last start or end of working time at or before t, or null. */
    Instant previousBoundary(Instant t) {
        if (spans.always || spans.size() == 0) {
            return null;
        }
        long index = blockIndex(t);
        for (int hop = 0; hop < MAX_BLOCK_HOPS; hop++) {
            Block block = block(index - hop);
            int i = block.lastAtOrBefore(t);
            if (i >= 0) {
                return block.bounds[i];
            }
        }
        return null;
    }

    Instant nextStart(Instant t) {
        Instant b = nextBoundary(t);
        return b == null || isWorking(b) ? b : nextBoundary(b);
    }

    Instant nextEnd(Instant t) {
        Instant b = nextBoundary(t);
        return b == null || !isWorking(b) ? b : nextBoundary(b);
    }

    List<Interval> intervals(Instant from, Instant to) {
        List<Interval> result = new ArrayList<>();
        if (!from.isBefore(to)) {
            return result;
        }
        if (spans.always) {
            result.add(new Interval(from, to));
            return result;
        }
        Instant start = isWorking(from) ? from : nextStart(from);
        while (start != null && start.isBefore(to)) {
            Instant end = nextEnd(start);
            Instant clipped = end == null || end.isAfter(to) ? to : end;
            result.add(new Interval(start, clipped));
            start = end == null ? null : nextBoundary(end);
        }
        return result;
    }

    private static long blockIndex(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), BLOCK_SECONDS);
    }

    private Block block(long index) {
        Block last = lastBlock;
        if (last != null && last.index == index) {
            return last;
        }
        Block block = blocks.get(index);
        if (block == null) {
            if (blocks.size() >= MAX_BLOCKS) {
                blocks.clear();
            }
            block = blocks.computeIfAbsent(index, this::build);
        }
        lastBlock = block;
        return block;
    }

    /**
     * Every merged interval that intersects the block, unclipped. Spans are generated from three
     * weeks before to two weeks after, so intervals chained across a DST change are complete.
     */
    private Block build(long index) {
        long from = index * BLOCK_SECONDS;
        long to = from + BLOCK_SECONDS;
        LocalDate firstMonday = LocalDateTime.ofEpochSecond(from - 86_400, 0, ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(3);
        LocalDate lastMonday = LocalDateTime.ofEpochSecond(to + 86_400, 0, ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(2);
        List<Instant[]> occurrences = new ArrayList<>();
        for (LocalDate monday = firstMonday; !monday.isAfter(lastMonday); monday = monday.plusWeeks(1)) {
            LocalDateTime weekStart = monday.atStartOfDay();
            for (int s = 0; s < spans.size(); s++) {
                Instant start = ZonedDateTime.of(weekStart.plusMinutes(spans.starts[s]), zone).toInstant();
                Instant end = ZonedDateTime.of(weekStart.plusMinutes(spans.ends[s]), zone).toInstant();
                if (start.isBefore(end)) {
                    occurrences.add(new Instant[] {start, end});
                }
            }
        }
        occurrences.sort(Comparator.comparing(o -> o[0]));
        List<Instant> bounds = new ArrayList<>();
        Instant curStart = null;
        Instant curEnd = null;
        for (Instant[] o : occurrences) {
            if (curEnd != null && !o[0].isAfter(curEnd)) {
                curEnd = o[1].isAfter(curEnd) ? o[1] : curEnd;
                continue;
            }
            keep(bounds, curStart, curEnd, from, to);
            curStart = o[0];
            curEnd = o[1];
        }
        keep(bounds, curStart, curEnd, from, to);
        return new Block(index, bounds.toArray(Instant[]::new));
    }

    private static void keep(List<Instant> bounds, Instant start, Instant end, long from, long to) {
        if (start != null && end.getEpochSecond() >= from && start.getEpochSecond() < to) {
            bounds.add(start);
            bounds.add(end);
        }
    }

    /** Sorted boundaries: even index = start (inclusive), odd index = end (exclusive). */
    private record Block(long index, Instant[] bounds) {

        /** Index of the last boundary at or before t, -1 if none. */
        int lastAtOrBefore(Instant t) {
            int lo = 0;
            int hi = bounds.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (bounds[mid].compareTo(t) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return hi;
        }
    }
}
