/** State of the sign-in form between submissions. */
export interface SignInState {
  error: string | null;
  /** the email typed, echoed back; the password never is */
  email: string;
}

export const GENERIC_SIGN_IN_ERROR = "That email and password do not match an active account.";
export const THROTTLED_SIGN_IN_ERROR = "Too many failed attempts for this email. Try again in 15 minutes.";
export const THROTTLED_ADDRESS_SIGN_IN_ERROR =
  "Too many failed sign-in attempts from your network. Try again in 15 minutes.";
