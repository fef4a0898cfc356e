package vigil.sim.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Location;
import vigil.core.Recipient;
import vigil.core.Recorded;
import vigil.core.Role;

/**
 * The server keeps each event as its replay line and rebuilds the engine from those lines, so every event type must
 * read back exactly as it was written: with every field given, and with every optional field left out. The samples are
 * made from the records themselves, so an event type added to core is covered without touching this test.
 */
class EveryEventReadsBackAsItWasWritten {
    private static final Instant AT = Instant.parse("2018-05-31T22:54:00.123456789Z");

    static Stream<Class<?>> eventTypes() {
        List<Class<?>> out = new ArrayList<>();
        collect(Event.class, out);
        return out.stream();
    }

    private static void collect(Class<?> sealed, List<Class<?>> out) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                collect(c, out);
            } else {
                out.add(c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void withEveryFieldGiven(Class<?> type) throws ReflectiveOperationException {
        assertRoundTrip(new Recorded(41, AT, sample(type, true), "dsp1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void withOptionalFieldsLeftOutAndNoActor(Class<?> type) throws ReflectiveOperationException {
        Event e;
        try {
            e = sample(type, false);
        } catch (ReflectiveOperationException ex) {
            // A type that refuses null somewhere: fill it fully; the absent actor is still exercised.
            e = sample(type, true);
        }
        assertRoundTrip(new Recorded(1, AT, e, null));
    }

    @Test
    void everyTypeIsKnownByName() {
        assertThat(EventJson.typeNames()).containsExactlyInAnyOrderElementsOf(
                eventTypes().map(Class::getSimpleName).toList());
        assertThat(EventJson.typeNames()).contains("UnitAssigned", "CommandRejected", "SchemeMatched");
    }

    @Test
    void aLineThatIsNotAnEventIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> EventJson.parse("{\"seq\":1,\"at\":\"2018-05-31T22:54:00Z\",\"type\":\"UnitNapped\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("UnitNapped");
        assertThatThrownBy(() -> EventJson.parse(
                "{\"seq\":1,\"at\":\"2018-05-31T22:54:00Z\",\"type\":\"UnitAssigned\",\"incidentId\":\"C\","
                        + "\"unitId\":\"U1\",\"colour\":\"red\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> EventJson.parse("[1]")).isInstanceOf(InvalidInput.class);
    }

    private static void assertRoundTrip(Recorded r) {
        String line = EventJson.line(r);

        Recorded back = EventJson.parse(line);

        assertThat(back).as(line).isEqualTo(r);
        assertThat(EventJson.line(back)).isEqualTo(line);
    }

    private static Event sample(Class<?> type, boolean full) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = full || types[i].isPrimitive() ? value(components[i].getName(), components[i].getGenericType())
                    : null;
        }
        Constructor<?> c = type.getDeclaredConstructor(types);
        try {
            return (Event) c.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new ReflectiveOperationException(e.getCause());
        }
    }

    private static Object value(String name, Type generic) {
        Class<?> raw = generic instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) generic;
        if (raw == String.class) {
            return name + "-1";
        }
        if (raw == long.class || raw == Long.class) {
            return 7L;
        }
        if (raw == int.class || raw == Integer.class) {
            return 3;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == double.class || raw == Double.class) {
            return 0.25;
        }
        if (raw == Instant.class) {
            return Instant.parse("2018-06-01T00:15:00Z");
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (raw == Location.class) {
            return new Location(51.5014, -0.1419);
        }
        if (raw == Recipient.class) {
            return new Recipient("ch1", Role.CONTROLLER, "SE");
        }
        if (raw == Command.ContactPreference.class) {
            return new Command.ContactPreference("PHONE", "after 6pm");
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            if (element instanceof Class<?> e && e.isEnum()) {
                Object[] constants = e.getEnumConstants();
                return List.of(constants[0], constants[constants.length - 1]);
            }
            return List.of(name + "-a", name + "-b");
        }
        if (raw == Set.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            if (element == Command.Explained.class) {
                return new LinkedHashSet<>(EnumSet.of(Command.Explained.SCHEME, Command.Explained.WITHDRAWAL));
            }
        }
        throw new AssertionError("no sample for " + generic + " (" + name + "): add one");
    }
}
