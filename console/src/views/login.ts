// Sign-in for operators and subscribers alike; the role decides where they land.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, api, type Session } from '../api.ts';
import { update } from '../store.ts';
import { t } from '../prefs.ts';
import { errorText } from './common.ts';

const form = { busy: false, error: '' as string, showPassword: false, notice: '' };

export function setLoginNotice(s: string): void {
  form.notice = s;
}

export function loginView(onSession: (s: Session) => void): TemplateResult {
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = e.target as HTMLFormElement;
    const username = (f.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (f.elements.namedItem('password') as HTMLInputElement).value;
    if (!username || !password) {
      form.error = t('badCredentials');
      update();
      return;
    }
    form.busy = true;
    form.error = '';
    form.notice = '';
    update();
    try {
      const s = await api<Session>('/api/v1/sessions', { method: 'POST', body: { username, password }, anonymous: true });
      form.busy = false;
      onSession(s);
    } catch (err) {
      form.busy = false;
      form.error = err instanceof ApiError && (err.status === 401 || err.status === 400) ? t('badCredentials') : errorText(err);
      update();
      (f.elements.namedItem('password') as HTMLInputElement).select();
    }
  };
  return html`<section class="login card" aria-labelledby="h-login">
    <div class="brand-big" aria-hidden="true">
      <svg viewBox="0 0 32 32" width="48" height="48"><rect width="32" height="32" rx="7" fill="#0b6e4f"/><path d="M17 4 8 18h7l-2 10 10-15h-7z" fill="#fff"/></svg>
    </div>
    <h1 id="h-login">${t('loginTitle')}</h1>
    <p class="muted">${t('loginIntro')}</p>
    ${form.notice ? html`<p class="notice info" role="status">${form.notice}</p>` : nothing}
    <form @submit=${submit} novalidate>
      <div class="field">
        <label for="login-user">${t('username')}</label>
        <input id="login-user" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" dir="ltr" required />
      </div>
      <div class="field">
        <label for="login-pass">${t('password')}</label>
        <input id="login-pass" name="password" type=${form.showPassword ? 'text' : 'password'} autocomplete="current-password" dir="ltr" required
          aria-describedby=${form.error ? 'login-error' : nothing} />
        <label class="check"><input type="checkbox" .checked=${form.showPassword} @change=${(e: Event) => { form.showPassword = (e.target as HTMLInputElement).checked; update(); }} /> ${t('showPassword')}</label>
      </div>
      ${form.error ? html`<p id="login-error" class="notice error" role="alert">${form.error}</p>` : nothing}
      <button type="submit" class="btn primary wide" ?disabled=${form.busy}>${form.busy ? t('signingIn') : t('signIn')}</button>
    </form>
  </section>`;
}
