/** The dashboard's login form, rendered on the server: it must work before any script runs. */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface LoginPageOptions {
  /** Shown above the form with role="alert"; default none. */
  error?: string;
  /** Put back in the user name field after a failure. */
  username?: string;
}

export function loginPage(o: LoginPageOptions = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in · CUP central dashboard</title>
<link rel="stylesheet" href="/dashboard/dashboard.css">
</head>
<body class="login">
<main>
<h1>CUP central dashboard</h1>
<p>Staff accounts only. Ask the CUP administrator for one (<code>cupk central staff add</code>).</p>
${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ''}
<form method="post" action="/dashboard/login">
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" required maxlength="64" value="${escapeHtml(o.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<button type="submit">Log in</button>
</form>
</main>
</body>
</html>
`;
}
