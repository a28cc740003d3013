/** Largest avatar upload; bigger is refused with 413 before it is decoded. */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
/** Largest card file (PNG cards with long lorebooks run to a few MB). */
export const CARD_MAX_BYTES = 10 * 1024 * 1024;
/** Largest create/update body: the whole profile, lorebook included. */
export const PROFILE_MAX_BYTES = 4 * 1024 * 1024;
/** Avatars are stored at most this wide and tall. */
export const AVATAR_MAX_SIDE = 1024;
/** Refuse decompression bombs: a small file that claims a huge canvas. */
export const AVATAR_MAX_PIXELS = 40_000_000;
export const GALLERY_PAGE_SIZE = 12;
