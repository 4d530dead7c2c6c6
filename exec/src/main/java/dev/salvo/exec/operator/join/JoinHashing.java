package dev.salvo.exec.operator.join;

/** Hash finishing shared by the build and probe sides of a hash join. */
final class JoinHashing {
  private JoinHashing() {}

  /** Spreads the combined key hash over all bits, so the low bits pick a slot well. */
  static long finalMix(long hash) {
    long h = hash;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
