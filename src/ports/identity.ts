/** Who is calling. In Google it is the signed-in account (which is what gives us two-factor
 *  authentication); in the local runtime a flag or a default local user. */
export interface Identity {
  /** The caller's email, lower case; '' when the platform will not tell (then nothing is allowed). */
  email(): string;
  /** The caller's locale as the platform reports it, e.g. 'fr_FR' or 'pt-BR'. */
  locale(): string;
}
