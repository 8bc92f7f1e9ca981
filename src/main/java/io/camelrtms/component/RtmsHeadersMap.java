package io.camelrtms.component;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * A message headers map with the semantics of Camel's default {@code CaseInsensitiveMap} (a
 * {@code TreeMap} ordered by {@link String#CASE_INSENSITIVE_ORDER}) at hash-table cost: keys are
 * compared ignoring case exactly as {@link String#equalsIgnoreCase} does, a key keeps the case it
 * was first put with (putting {@code "FOO"} over {@code "foo"} replaces the value and keeps
 * {@code "foo"}), null keys are refused with a {@link NullPointerException}, null values are allowed.
 * <p>
 * Why our own: a media exchange carries about twenty headers, most of them named {@code Rtms…};
 * each TreeMap look-up walks about five nodes and compares the names character by character past
 * that shared prefix, and profiles of the bundle under load put an eighth of all CPU in that map.
 * Camel's alternative ({@code camel-headersmap}, cedarsoftware's CaseInsensitiveMap) was measured
 * slower still: it wraps every String key in a case-insensitive key object, found through a shared
 * LRU cache of such wrappers, in front of an ordinary hash map. This map keeps its entries in flat
 * parallel arrays in insertion order (key, value, case-folded hash) and finds them through an
 * open-addressed table of positions keyed by the folded hash: get, put, containsKey and remove cost
 * one hash over the key's characters and, usually, one array probe and one {@code equalsIgnoreCase},
 * at any size, with no object per entry. Copying one (every new exchange from the stream's header
 * template, every exchange copy in a multicast) copies arrays.
 * <p>
 * Iteration follows insertion order (Camel does not promise any order of headers; the TreeMap's was
 * alphabetical). Removed entries leave a hole in the arrays and a tombstone in the table until the
 * next growth compacts them, so removal is O(1) too. Iterators are fail-fast and support
 * {@code remove}; {@link Map.Entry#setValue} writes through. Not thread-safe, like Camel's map; a
 * map that is no longer modified may be read and copied from several threads once safely published.
 */
public final class RtmsHeadersMap extends AbstractMap<String, Object> implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int MIN_CAPACITY = 8;
    /** Room left for the headers a route adds when a map is copied, so that the copy need not grow. */
    private static final int COPY_SLACK = 8;
    private static final int EMPTY = 0;
    private static final int TOMBSTONE = -1;

    /** Entries by position in insertion order; a removed entry leaves a null key (a hole). */
    private String[] keys;
    private Object[] values;
    private int[] hashes;
    /** Open-addressed (linear probing) table of entry position + 1, EMPTY or TOMBSTONE; twice the entry capacity. */
    private int[] index;
    private int shift;
    /** Positions in use, holes included. */
    private int used;
    private int size;
    private int modCount;

    private transient Set<Map.Entry<String, Object>> entrySetView;
    private transient Set<String> keySetView;

    public RtmsHeadersMap() {
        allocate(MIN_CAPACITY * 2);
    }

    /** A copy of {@code map}; from another RtmsHeadersMap by copying its arrays. */
    public RtmsHeadersMap(Map<? extends String, ?> map) {
        if (map instanceof RtmsHeadersMap source) {
            copyFrom(source);
        } else {
            allocate(capacityFor(map.size() + COPY_SLACK));
            putAll(map);
        }
    }

    private void allocate(int capacity) {
        keys = new String[capacity];
        values = new Object[capacity];
        hashes = new int[capacity];
        index = new int[capacity * 2];
        shift = Integer.numberOfLeadingZeros(index.length - 1);
    }

    private static int capacityFor(int entries) {
        int c = MIN_CAPACITY;
        while (c < entries) {
            c <<= 1;
        }
        return c;
    }

    private void copyFrom(RtmsHeadersMap source) {
        int n = source.used;
        if (n == source.size && source.keys.length - n >= COPY_SLACK) {
            // no holes and room to grow: the table stays valid as it is
            keys = source.keys.clone();
            values = source.values.clone();
            hashes = source.hashes.clone();
            index = source.index.clone();
            shift = source.shift;
            used = n;
            size = n;
            return;
        }
        allocate(capacityFor(source.size + COPY_SLACK));
        for (int p = 0; p < n; p++) {
            String k = source.keys[p];
            if (k != null) {
                keys[used] = k;
                values[used] = source.values[p];
                hashes[used] = source.hashes[p];
                index[emptySlot(source.hashes[p])] = ++used;
            }
        }
        size = used;
    }

    /**
     * The key's hash with every character case-folded as {@link String#equalsIgnoreCase} folds it
     * (lower case of the upper case, by code point), so that keys equal ignoring case hash alike.
     * ASCII letters are folded without a table look-up.
     */
    static int foldedHash(String key) {
        int h = 0;
        int n = key.length();
        for (int i = 0; i < n; i++) {
            int c = key.charAt(i);
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
            } else {
                c = key.codePointAt(i);
                if (c > 0xFFFF) {
                    i++;
                }
                c = Character.toLowerCase(Character.toUpperCase(c));
            }
            h = 31 * h + c;
        }
        return h;
    }

    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    /** The position of {@code key} (folded hash {@code h}), or -1. */
    private int find(String key, int h) {
        int[] idx = index;
        int mask = idx.length - 1;
        for (int i = slot(h); ; i = (i + 1) & mask) {
            int e = idx[i];
            if (e == EMPTY) {
                return -1;
            }
            if (e > 0) {
                int p = e - 1;
                if (hashes[p] == h) {
                    String k = keys[p];
                    if (k == key || k.equalsIgnoreCase(key)) {
                        return p;
                    }
                }
            }
        }
    }

    private int emptySlot(int h) {
        int mask = index.length - 1;
        int i = slot(h);
        while (index[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Not a String: a null key is refused as the TreeMap refuses it, a key of another type is absent. */
    private static Object absent(Object key) {
        if (key == null) {
            throw new NullPointerException("null header name");
        }
        return null;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String k)) {
            return absent(key);
        }
        int p = find(k, foldedHash(k));
        return p < 0 ? null : values[p];
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        if (!(key instanceof String k)) {
            absent(key);
            return defaultValue;
        }
        int p = find(k, foldedHash(k));
        return p < 0 ? defaultValue : values[p];
    }

    @Override
    public boolean containsKey(Object key) {
        if (!(key instanceof String k)) {
            absent(key);
            return false;
        }
        return find(k, foldedHash(k)) >= 0;
    }

    @Override
    public Object put(String key, Object value) {
        int h = foldedHash(Objects.requireNonNull(key, "null header name"));
        int[] idx = index;
        int mask = idx.length - 1;
        int free = -1;
        int i = slot(h);
        for (int e; (e = idx[i]) != EMPTY; i = (i + 1) & mask) {
            if (e > 0) {
                int p = e - 1;
                if (hashes[p] == h) {
                    String k = keys[p];
                    if (k == key || k.equalsIgnoreCase(key)) {
                        Object old = values[p];
                        values[p] = value;
                        return old;
                    }
                }
            } else if (free < 0) {
                free = i;
            }
        }
        modCount++;
        if (used == keys.length) {
            makeRoom();
            free = emptySlot(h);
        } else if (free < 0) {
            free = i;
        }
        keys[used] = key;
        values[used] = value;
        hashes[used] = h;
        index[free] = ++used;
        size++;
        return null;
    }

    /** Full arrays: compacts them in place when holes are at least half, else doubles them; the table is rebuilt. */
    private void makeRoom() {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        int n = used;
        if (size <= oldKeys.length / 2) {
            Arrays.fill(index, EMPTY);
        } else {
            allocate(oldKeys.length * 2);
        }
        int q = 0;
        for (int p = 0; p < n; p++) {
            String k = oldKeys[p];
            if (k != null) {
                Object v = oldValues[p];
                int h = oldHashes[p];
                keys[q] = k;
                values[q] = v;
                hashes[q] = h;
                index[emptySlot(h)] = ++q;
            }
        }
        if (keys == oldKeys) {
            Arrays.fill(keys, q, n, null);
            Arrays.fill(values, q, n, null);
        }
        used = q;
    }

    @Override
    public Object remove(Object key) {
        if (!(key instanceof String k)) {
            return absent(key);
        }
        int h = foldedHash(k);
        int p = find(k, h);
        if (p < 0) {
            return null;
        }
        Object old = values[p];
        removeAt(p);
        return old;
    }

    private void removeAt(int p) {
        int mask = index.length - 1;
        int i = slot(hashes[p]);
        while (index[i] != p + 1) {
            i = (i + 1) & mask;
        }
        index[i] = TOMBSTONE;
        keys[p] = null;
        values[p] = null;
        size--;
        modCount++;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public void clear() {
        if (used > 0) {
            Arrays.fill(keys, 0, used, null);
            Arrays.fill(values, 0, used, null);
            Arrays.fill(index, EMPTY);
            used = 0;
            size = 0;
            modCount++;
        }
    }

    @Override
    public void putAll(Map<? extends String, ?> map) {
        if (map instanceof RtmsHeadersMap source) {
            if (source == this) {
                return;
            }
            if (size == 0) {
                copyFrom(source);
                modCount++;
                return;
            }
            for (int p = 0; p < source.used; p++) {
                String k = source.keys[p];
                if (k != null) {
                    put(k, source.values[p]);
                }
            }
            return;
        }
        for (Map.Entry<? extends String, ?> e : map.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    @Override
    public boolean containsValue(Object value) {
        for (int p = 0; p < used; p++) {
            if (keys[p] != null && Objects.equals(values[p], value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        int expected = modCount;
        for (int p = 0; p < used; p++) {
            String k = keys[p];
            if (k != null) {
                action.accept(k, values[p]);
            }
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        Set<Map.Entry<String, Object>> s = entrySetView;
        return s != null ? s : (entrySetView = new EntrySet());
    }

    @Override
    public Set<String> keySet() {
        Set<String> s = keySetView;
        return s != null ? s : (keySetView = new KeySet());
    }

    /** Walks the positions in use, skipping holes; fail-fast; remove() removes the last entry returned. */
    private final class Walk<T> implements Iterator<T> {
        private final IntFunction<T> at;
        private int next = advance(0);
        private int last = -1;
        private int expected = modCount;

        Walk(IntFunction<T> at) {
            this.at = at;
        }

        private int advance(int from) {
            while (from < used && keys[from] == null) {
                from++;
            }
            return from;
        }

        @Override
        public boolean hasNext() {
            return next < used;
        }

        @Override
        public T next() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            if (next >= used) {
                throw new NoSuchElementException();
            }
            last = next;
            next = advance(next + 1);
            return at.apply(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            last = -1;
            expected = modCount;
        }
    }

    /** An entry seen through the map: reads and writes the value at its position while the key is there. */
    private final class Entry implements Map.Entry<String, Object> {
        private final String key;
        private int position;

        Entry(int position) {
            this.key = keys[position];
            this.position = position;
        }

        private int position() {
            if (position >= used || keys[position] != key) {
                // moved by a compaction, or removed
                position = find(key, foldedHash(key));
                if (position < 0) {
                    throw new IllegalStateException("the header " + key + " was removed");
                }
            }
            return position;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            return values[position()];
        }

        @Override
        public Object setValue(Object value) {
            int p = position();
            Object old = values[p];
            values[p] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }

    /** The key and entry sets: the map's entries seen through {@code at}. */
    private abstract class SetView<T> extends AbstractSet<T> {
        private final IntFunction<T> at;

        SetView(IntFunction<T> at) {
            this.at = at;
        }

        @Override
        public Iterator<T> iterator() {
            return new Walk<>(at);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void clear() {
            RtmsHeadersMap.this.clear();
        }
    }

    private final class EntrySet extends SetView<Map.Entry<String, Object>> {
        EntrySet() {
            super(p -> new Entry(p));
        }

        /** As the TreeMap's entry set: the key matched ignoring case, the value exactly. */
        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e) || !(e.getKey() instanceof String k)) {
                return false;
            }
            int p = find(k, foldedHash(k));
            return p >= 0 && Objects.equals(values[p], e.getValue());
        }

        @Override
        public boolean remove(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e) || !(e.getKey() instanceof String k)) {
                return false;
            }
            int p = find(k, foldedHash(k));
            if (p >= 0 && Objects.equals(values[p], e.getValue())) {
                removeAt(p);
                return true;
            }
            return false;
        }
    }

    private final class KeySet extends SetView<String> {
        KeySet() {
            super(p -> keys[p]);
        }

        @Override
        public boolean contains(Object o) {
            return containsKey(o);
        }

        @Override
        public boolean remove(Object o) {
            if (!(o instanceof String k)) {
                absent(o);
                return false;
            }
            int p = find(k, foldedHash(k));
            if (p < 0) {
                return false;
            }
            removeAt(p);
            return true;
        }
    }
}
