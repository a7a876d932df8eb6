package dev.rota.calendar;

import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.util.CompatibilityHints;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The calendar as ical4j's tokenizer reads it (relaxed parsing and unfolding), kept as raw names, parameters and
 * values. ical4j's typed model is not used because it resolves every TZID eagerly and fails on the Windows and
 * display-name zones real exports carry; {@link ZoneResolver} does that job instead.
 */
final class IcsTree {

    static {
        // Process-wide ical4j switches: tolerate the malformations of real exports.
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
    }

    record Property(String name, Map<String, String> params, String value) {
        Optional<String> param(String key) {
            return Optional.ofNullable(params.get(key));
        }
    }

    static final class Component {
        final String name;
        final List<Property> properties = new ArrayList<>();
        final List<Component> children = new ArrayList<>();

        Component(String name) {
            this.name = name;
        }

        Optional<Property> first(String propertyName) {
            return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
        }

        Optional<String> value(String propertyName) {
            return first(propertyName).map(Property::value);
        }

        List<Property> all(String propertyName) {
            return properties.stream().filter(p -> p.name().equals(propertyName)).toList();
        }
    }

    private IcsTree() {
    }

    /** Parses cleaned text; keeps at most {@code maxEvents} VEVENTs (the rest are counted, not kept). */
    static Component parse(String text, int maxEvents, List<String> warnings) throws CalendarException {
        Builder builder = new Builder(maxEvents);
        try {
            new CalendarParserImpl().parse(new StringReader(text), builder);
        } catch (ParserException | IOException | RuntimeException e) {
            throw new CalendarException("not a readable iCalendar file: " + e.getMessage(), e);
        }
        if (builder.root == null) {
            throw new CalendarException("not a readable iCalendar file: no VCALENDAR");
        }
        if (builder.droppedEvents > 0) {
            warnings.add("calendar has " + (maxEvents + builder.droppedEvents) + " events, more than the limit of "
                    + maxEvents + "; " + builder.droppedEvents + " ignored");
        }
        return builder.root;
    }

    private static final class Builder implements ContentHandler {
        private final int maxEvents;
        private final Deque<Component> open = new ArrayDeque<>();
        private Component root;
        private int events;
        private int droppedEvents;
        private int skipDepth;
        private String propertyName;
        private Map<String, String> params;
        private String propertyValue;

        Builder(int maxEvents) {
            this.maxEvents = maxEvents;
        }

        @Override
        public void startCalendar() {
            root = new Component("VCALENDAR");
            open.push(root);
        }

        @Override
        public void endCalendar() {
            open.clear();
        }

        @Override
        public void startComponent(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (skipDepth > 0 || (upper.equals("VEVENT") && ++events > maxEvents)) {
                if (skipDepth == 0) {
                    droppedEvents++;
                }
                skipDepth++;
                return;
            }
            Component component = new Component(upper);
            if (!open.isEmpty()) {
                open.peek().children.add(component);
            }
            open.push(component);
        }

        @Override
        public void endComponent(String name) {
            if (skipDepth > 0) {
                skipDepth--;
            } else if (open.size() > 1) {
                open.pop();
            }
        }

        @Override
        public void startProperty(String name) {
            propertyName = name.toUpperCase(Locale.ROOT);
            params = new LinkedHashMap<>();
            propertyValue = "";
        }

        @Override
        public void propertyValue(String value) {
            propertyValue = value == null ? "" : value;
        }

        @Override
        public void parameter(String name, String value) {
            if (params != null) {
                params.putIfAbsent(name.toUpperCase(Locale.ROOT), value == null ? "" : value);
            }
        }

        @Override
        public void endProperty(String name) {
            if (skipDepth == 0 && !open.isEmpty() && propertyName != null) {
                open.peek().properties.add(new Property(propertyName, Map.copyOf(params), propertyValue));
            }
            propertyName = null;
            params = null;
        }
    }
}
