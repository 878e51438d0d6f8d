/**
 * Finding cues in a clause (codebook S1–S3, S6, C6–C9): the earliest strength cue, the chain of
 * cues that decides a pledge's strength, and the earliest position cue. Patterns are in
 * lib/import/cues.ts.
 */
import { POSITION_CUES, STRENGTH_CUES, type StrengthCue } from "./cues";
import type { Strength } from "./types";

const RANK: Record<Strength, number> = { exploratory: 0, intent: 1, binding: 2 };

/** A cue found in a clause: its span, its rule and (for a strength cue) the strength it gives. */
export interface Hit {
  index: number;
  end: number;
  rule: string;
  strength?: Strength;
}

/** The earliest strength cue at or after `from`. */
export function firstStrengthCue(s: string, from: number): Hit | null {
  let best: Hit | null = null;
  for (const cue of STRENGTH_CUES) {
    const hit = matchFrom(cue, s, from);
    if (hit && (!best || hit.index < best.index)) best = hit;
  }
  return best;
}

/**
 * The first match of `cue` at or after `from`, skipping a capitalised cue word inside a name ("the
 * Economic Resilience Action Plan to …", "the Agreement to Establish …"): after "the" or a
 * capitalised word, a capitalised "Plan" or "Agreement" is part of the name, not a cue.
 */
function matchFrom(cue: StrengthCue, s: string, from: number): Hit | null {
  cue.re.lastIndex = from;
  for (let m = cue.re.exec(s); m; m = cue.re.exec(s)) {
    const inName = /^\p{Lu}/u.test(m[0]) && /(?:\p{Lu}[\p{L}-]*|\bthe)\s+$/u.test(s.slice(0, m.index));
    if (!inName) return { index: m.index, end: m.index + m[0].length, rule: cue.rule, strength: cue.strength };
  }
  return null;
}

/**
 * S6: cues chained within three words of each other ("agreed to explore", "will seek to",
 * "will continue to work towards") combine, and the weakest wins.
 */
export function strengthChain(
  s: string,
  from: number,
  strength: Strength,
  rules: string[],
  leadingOnly: boolean,
): { strength: Strength; rules: string[]; end: number; lastIndex: number } {
  let current = { strength, rules: [...rules], end: from, lastIndex: Math.max(0, from - 1) };
  for (let guard = 0; guard < 5; guard++) {
    const next = firstStrengthCue(s, current.end);
    if (!next) break;
    const gap = s.slice(current.end, next.index);
    const words = gap.split(/\s+/).filter(Boolean).length;
    if (words > (leadingOnly ? 2 : 3) || /[,;:]/.test(gap)) break;
    const weaker =
      RANK[next.strength ?? "binding"] < RANK[current.strength] ? (next.strength ?? "binding") : current.strength;
    current = {
      strength: weaker,
      rules: [...new Set([...current.rules, next.rule])],
      end: next.end,
      lastIndex: next.index,
    };
  }
  // Only the rule of the strength that won stays, so "S1" does not sit beside an exploratory result.
  const keep = { binding: "S1", intent: "S2", exploratory: "S3" }[current.strength];
  return {
    ...current,
    rules: current.rules.includes(keep)
      ? [
          keep,
          ...current.rules.filter((r) => r !== keep && r !== "S1" && r !== "S2" && r !== "S3"),
          ...(current.rules.length > 1 ? ["S6"] : []),
        ]
      : current.rules,
  };
}

/** The earliest position cue; a leading participle ("Recognising …, the Leaders agreed") does not count. */
export function firstPositionCue(s: string): Hit | null {
  let best: Hit | null = null;
  for (const cue of POSITION_CUES) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(s); m; m = cue.re.exec(s)) {
      const participle = /^\p{Lu}\p{Ll}+ing\b/u.test(m[0]) && m.index <= 2 && /,/.test(s);
      if (participle) continue;
      if (!best || m.index < best.index) best = { index: m.index, end: m.index + m[0].length, rule: cue.rule };
      break;
    }
  }
  return best;
}
