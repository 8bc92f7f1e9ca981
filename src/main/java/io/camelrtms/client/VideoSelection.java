package io.camelrtms.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Whose individual video a stream subscribes to on its own (msg 28), as the {@code videoParticipants}
 * option says: nobody, the active speaker, the first {@code n} participants to turn their camera on,
 * or participants named by user id or user name.
 *
 * @param mode         which rule picks the participants
 * @param first        for {@link Mode#FIRST}: how many
 * @param participants for {@link Mode#PARTICIPANTS}: user ids or names, matched exactly (names ignoring case)
 */
public record VideoSelection(Mode mode, int first, List<String> participants) {

    public enum Mode { NONE, ACTIVE_SPEAKER, FIRST, PARTICIPANTS }

    public static final VideoSelection NONE = new VideoSelection(Mode.NONE, 0, List.of());

    public VideoSelection {
        participants = List.copyOf(participants);
    }

    /**
     * Reads the option: empty or {@code none}; {@code activeSpeaker}; {@code first} (as many as the
     * subscription limit allows) or {@code first:N}; else a comma-separated list of user ids or names.
     *
     * @throws IllegalArgumentException for {@code first:} without a positive number
     */
    public static VideoSelection parse(String option) {
        String s = option == null ? "" : option.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.isEmpty() || lower.equals("none")) {
            return NONE;
        }
        if (lower.equals("activespeaker") || lower.equals("active_speaker")) {
            return new VideoSelection(Mode.ACTIVE_SPEAKER, 0, List.of());
        }
        if (lower.equals("first")) {
            return new VideoSelection(Mode.FIRST, Integer.MAX_VALUE, List.of());
        }
        if (lower.startsWith("first:")) {
            int n;
            try {
                n = Integer.parseInt(s.substring("first:".length()).trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n <= 0) {
                throw new IllegalArgumentException("videoParticipants '" + option + "': first:N needs a positive N");
            }
            return new VideoSelection(Mode.FIRST, n, List.of());
        }
        List<String> names = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                names.add(part.trim());
            }
        }
        return new VideoSelection(Mode.PARTICIPANTS, 0, Collections.unmodifiableList(names));
    }

    /** Whether a participant is one of those named. */
    boolean names(String userId, String userName) {
        for (String p : participants) {
            if (p.equals(userId) || (userName != null && p.equalsIgnoreCase(userName))) {
                return true;
            }
        }
        return false;
    }
}
