/** What a view's last change said: its confirmation, or what went wrong (under the view's own test
 *  id), in the person's words. */
export function Said({ notice, error, errorId }: { notice: string; error: string; errorId: string }) {
  return (
    <>
      {notice && (
        <p class="notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-testid={errorId}>
          {error}
        </p>
      )}
    </>
  );
}
