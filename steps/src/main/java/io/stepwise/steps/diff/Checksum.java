package io.stepwise.steps.diff;

import java.math.BigInteger;

/**
 * A chunk's row count and BIT_XOR checksum. Both are additive over disjoint row sets (count by
 * addition, checksum by XOR), so one half of a bisected chunk follows from the whole and the other half.
 */
record Checksum(long count, BigInteger crc) {
    Checksum minus(Checksum part) {
        return new Checksum(count - part.count, crc.xor(part.crc));
    }
}
