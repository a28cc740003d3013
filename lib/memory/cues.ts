/**
 * A cheap test run before extraction: a message with no first-person words ("I", "my", "我", …) states nothing
 * about the user, so no extraction call is made for it. With a real model this saves a second model call on most
 * turns (greetings, questions about the persona's world); the offline extractor only reads first-person statements
 * anyway.
 */
const firstPerson = /\b(?:i|i'm|im|i've|i'd|i'll|me|my|mine|myself|we|our|us)\b|[我咱俺]/iu;

export function mightHoldPersonalFacts(text: string): boolean {
  return firstPerson.test(text);
}
