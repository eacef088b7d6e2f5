package org.peerstack.signaling;

import java.util.SplittableRandom;

/**
 * Mutated copies of a seed JSON text, for the tests that compare a streaming reader with data binding
 * on inputs nobody wrote by hand: each copy has up to three edits (a character deleted, inserted or
 * replaced from an alphabet, or a short run repeated). The run is fixed by the random's seed.
 */
final class JsonMutator {

    private final SplittableRandom random;
    private final String alphabet;

    /**
     * @param random the source of edits (seeded: a failing input can be found again)
     * @param alphabet the characters inserted or written over, e.g. JSON punctuation and member names
     */
    JsonMutator(SplittableRandom random, String alphabet) {
        this.random = random;
        this.alphabet = alphabet;
    }

    /** {@code seed} itself for {@code run} 0, otherwise {@code seed} with one to three random edits. */
    String mutate(String seed, int run) {
        StringBuilder text = new StringBuilder(seed);
        int edits = run == 0 ? 0 : random.nextInt(1, 4);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 2 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(1, 12))));
            }
        }
        return text.toString();
    }
}
