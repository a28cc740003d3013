import { DomainError } from '@/lib/errors';

/** Why a card file was refused; each is a key of the catalog's `personas.cardErrors`. */
export type CardProblem =
  | 'card_invalid_json'
  | 'card_not_object'
  | 'card_wrong_spec'
  | 'card_missing_data'
  | 'card_missing_name'
  | 'card_bad_field'
  | 'card_bad_book'
  | 'card_no_chunk'
  | 'card_bad_chunk'
  | 'card_damaged_png'
  | 'card_image_without_card'
  | 'card_charx_unsupported'
  | 'card_unknown_format'
  | 'card_empty';

/** A 400 whose English message names the problem and whose `fields.file` lets the form say it in the user's language. */
export function cardError(problem: CardProblem, message: string): DomainError {
  return new DomainError('validation', message, { file: problem });
}
