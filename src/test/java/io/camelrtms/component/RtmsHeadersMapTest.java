package io.camelrtms.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.camel.util.CaseInsensitiveMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link RtmsHeadersMap} against Camel's own {@link CaseInsensitiveMap} as the model: the same random
 * operations on both must give the same answers and leave the same entries (the same key strings:
 * both keep the case a key was first put with).
 */
class RtmsHeadersMapTest {

    /** Names that collide ignoring case in ways ASCII folding alone would get wrong. */
    private static final List<String> VOCABULARY = vocabulary();

    private static List<String> vocabulary() {
        List<String> v = new ArrayList<>(List.of(
                RtmsConstants.MEDIA_TYPE, RtmsConstants.TIMESTAMP, RtmsConstants.SEQUENCE, RtmsConstants.STREAM_ID,
                RtmsConstants.AUDIO_CODEC, RtmsConstants.AUDIO_SAMPLE_RATE, RtmsConstants.USER_ID, RtmsConstants.USER_NAME,
                "", "x", "Content-Type", "foo", "foo-bar", "foo_bar",
                "straße", "strasse", "ıd", "id", "İd", "\u212Aelvin", "kelvin", "ſtream", "stream",
                "σοφία", "ςοφία", "éclair", "ÿes", "\uD801\uDC00x", "\uD801\uDC28x", "\uD801x", "日本"));
        for (int i = 0; i < 30; i++) {
            v.add("CamelRtmsExtra" + i);
        }
        return v;
    }

    /** The name with each code point randomly upper- or lower-cased. */
    private static String randomCase(String name, Random r) {
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().forEach(c -> b.appendCodePoint(switch (r.nextInt(3)) {
            case 0 -> Character.toUpperCase(c);
            case 1 -> Character.toLowerCase(c);
            default -> c;
        }));
        return b.toString();
    }

    private static String randomKey(Random r) {
        return randomCase(VOCABULARY.get(r.nextInt(VOCABULARY.size())), r);
    }

    private static Object randomValue(Random r) {
        return r.nextInt(8) == 0 ? null : r.nextInt(5);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20261206L})
    void behavesAsCamelsCaseInsensitiveMap(long seed) {
        Random r = new Random(seed);
        Map<String, Object> ours = new RtmsHeadersMap();
        Map<String, Object> model = new CaseInsensitiveMap();
        for (int step = 0; step < 20_000; step++) {
            String key = randomKey(r);
            Object value = randomValue(r);
            int op = r.nextInt(100);
            String what = "step " + step + " op " + op + " key " + key;
            if (op < 30) {
                assertThat(ours.put(key, value)).as(what).isEqualTo(model.put(key, value));
            } else if (op < 45) {
                assertThat(ours.get(key)).as(what).isEqualTo(model.get(key));
            } else if (op < 52) {
                assertThat(ours.containsKey(key)).as(what).isEqualTo(model.containsKey(key));
            } else if (op < 64) {
                assertThat(ours.remove(key)).as(what).isEqualTo(model.remove(key));
            } else if (op < 67) {
                Map<String, Object> more = switch (r.nextInt(3)) {
                    case 0 -> new LinkedHashMap<>();
                    case 1 -> new CaseInsensitiveMap();
                    default -> new RtmsHeadersMap();
                };
                for (int i = r.nextInt(12); i > 0; i--) {
                    more.put(randomKey(r), randomValue(r));
                }
                ours.putAll(more);
                model.putAll(more);
            } else if (op < 71) {
                // remove through an iterator: what goes depends only on the stored key, so both agree
                int modulo = 2 + r.nextInt(3);
                int view = r.nextInt(3);
                removeWhere(ours, view, modulo);
                removeWhere(model, view, modulo);
            } else if (op < 74) {
                int modulo = 2 + r.nextInt(3);
                for (Map.Entry<String, Object> e : ours.entrySet()) {
                    if (e.getKey().length() % modulo == 0) {
                        assertThat(e.setValue(value)).isEqualTo(model.put(e.getKey(), value));
                        assertThat(e.getValue()).isEqualTo(value);
                    }
                }
            } else if (op < 75) {
                ours.clear();
                model.clear();
            } else if (op < 80) {
                ours = r.nextBoolean() ? new RtmsHeadersMap(ours) : new RtmsHeadersMapFactory().newMap(ours);
                model = new CaseInsensitiveMap(model);
            } else if (op < 83) {
                assertThat(ours.keySet().remove(key)).as(what).isEqualTo(model.keySet().remove(key));
            } else if (op < 86) {
                Map.Entry<String, Object> e = Map.entry(key, value == null ? 0 : value);
                assertThat(ours.entrySet().contains(e)).as(what).isEqualTo(model.entrySet().contains(e));
                assertThat(ours.entrySet().remove(e)).as(what).isEqualTo(model.entrySet().remove(e));
            } else if (op < 89) {
                assertThat(ours.getOrDefault(key, "none")).as(what).isEqualTo(model.getOrDefault(key, "none"));
                assertThat(ours.containsValue(value)).as(what).isEqualTo(model.containsValue(value));
            } else if (op < 92) {
                assertThat(ours.putIfAbsent(key, value)).as(what).isEqualTo(model.putIfAbsent(key, value));
            } else if (op < 95) {
                assertThat(ours.keySet().contains(key)).as(what).isEqualTo(model.keySet().contains(key));
                assertThat(ours.values()).as(what).containsExactlyInAnyOrderElementsOf(model.values());
            } else {
                assertThat(ours).as(what).isEqualTo(model);
                assertThat(model).as(what).isEqualTo(ours);
                assertThat(ours.hashCode()).as(what).isEqualTo(model.hashCode());
            }
            assertSameContents(ours, model, what);
        }
    }

    private static void removeWhere(Map<String, Object> map, int view, int modulo) {
        Iterator<?> it = switch (view) {
            case 0 -> map.entrySet().iterator();
            case 1 -> map.keySet().iterator();
            default -> map.values().iterator();
        };
        Iterator<String> keys = new ArrayList<>(map.keySet()).iterator();
        while (it.hasNext()) {
            it.next();
            String key = keys.next();
            if (key.length() % modulo == 0) {
                it.remove();
            }
        }
    }

    private static void assertSameContents(Map<String, Object> ours, Map<String, Object> model, String what) {
        assertThat(ours.size()).as(what).isEqualTo(model.size());
        assertThat(ours.isEmpty()).as(what).isEqualTo(model.isEmpty());
        Map<String, Object> exactly = new HashMap<>();
        ours.forEach(exactly::put);
        assertThat(exactly).as(what).isEqualTo(new HashMap<>(model));
        for (String name : VOCABULARY) {
            assertThat(ours.get(name)).as(what + " get " + name).isEqualTo(model.get(name));
        }
    }

    @Test
    void keepsTheCaseOfTheFirstPutAndTheInsertionOrder() {
        Map<String, Object> m = new RtmsHeadersMap();
        m.put("Zeta", 1);
        m.put("alpha", 2);
        m.put("ZETA", 3);
        m.put("Mid", 4);
        assertThat(m.get("zeta")).isEqualTo(3);
        assertThat(new ArrayList<>(m.keySet())).containsExactly("Zeta", "alpha", "Mid");
        m.remove("ALPHA");
        m.put("Alpha", 5);
        assertThat(new ArrayList<>(m.keySet())).containsExactly("Zeta", "Mid", "Alpha");
    }

    @Test
    void refusesNullKeysAndKeepsNullValues() {
        Map<String, Object> m = new RtmsHeadersMap();
        assertThatThrownBy(() -> m.put(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> m.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> m.containsKey(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> m.remove(null)).isInstanceOf(NullPointerException.class);
        m.put("a", null);
        assertThat(m.containsKey("A")).isTrue();
        assertThat(m.get("A")).isNull();
        assertThat(m.get(42)).isNull();
    }

    @Test
    void growsCompactsAndCopiesAtAnySize() {
        RtmsHeadersMap m = new RtmsHeadersMap();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 1000; i++) {
                m.put("Header" + i, i);
            }
            for (int i = 0; i < 1000; i += 2) {
                assertThat(m.remove("HEADER" + i)).isEqualTo(i);
            }
            RtmsHeadersMap copy = new RtmsHeadersMap(m);
            assertThat(copy).hasSize(500).isEqualTo(m);
            for (int i = 0; i < 1000; i++) {
                assertThat(copy.get("header" + i)).isEqualTo(i % 2 == 0 ? null : i);
            }
            copy.put("another", 1);
            assertThat(m).doesNotContainKey("another");
        }
    }

    @Test
    void iteratorsAreFailFast() {
        Map<String, Object> m = new RtmsHeadersMap(Map.of("a", 1, "b", 2));
        Iterator<String> it = m.keySet().iterator();
        it.next();
        m.put("c", 3);
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
        Iterator<String> again = m.keySet().iterator();
        assertThatThrownBy(again::remove).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void survivesSerialization() throws Exception {
        RtmsHeadersMap m = new RtmsHeadersMap();
        m.put("CamelRtmsStreamId", "s1");
        m.put("gone", 1);
        m.remove("GONE");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) in.readObject();
            assertThat(back).isEqualTo(m);
            assertThat(back.get("camelrtmsstreamid")).isEqualTo("s1");
        }
    }
}
