import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Seals and opens stored installations (they hold bot tokens), so a copied database leaks no token. */
export interface TokenCipher {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

/**
 * AES-256-GCM with a random 96-bit nonce per value: `v1.<nonce>.<tag>.<ciphertext>`, base64url. The
 * tag authenticates the value, so a tampered row or a wrong key fails loudly instead of yielding junk.
 * `key` is 32 bytes (SLACK_TOKEN_KEY, validated by config).
 */
export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new Error('the token key must be 32 bytes');
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, nonce, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, nonce, tag, body] = sealed.split('.');
      if (version !== VERSION || !nonce || !tag || body === undefined) {
        throw new Error('not a sealed installation (wrong format)');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new Error(
          'a stored installation could not be decrypted: SLACK_TOKEN_KEY is not the key it was sealed with',
        );
      }
    },
  };
}

/** A SLACK_TOKEN_KEY as configured: 64 hex digits or base64 of 32 bytes; undefined when it is neither. */
export function parseTokenKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  return b.length === 32 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(t) ? b : undefined;
}
