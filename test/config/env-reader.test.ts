import { describe, expect, test } from 'vitest';
import { EnvReader } from '../../libs/config/index.js';

const natsUrls = (value: string | undefined): string =>
  new EnvReader({ ACCORD_NATS_URL: value }).urlList('ACCORD_NATS_URL', ['nats', 'tls']);

describe('service configuration from the environment', () => {
  test('one NATS URL is accepted', () => {
    expect(natsUrls('tls://127.0.0.1:4222')).toBe('tls://127.0.0.1:4222');
  });

  test("a cluster's URLs separated by commas are accepted", () => {
    expect(natsUrls('tls://n1:4222,tls://n2:4222, tls://n3:4222')).toBe('tls://n1:4222,tls://n2:4222, tls://n3:4222');
  });

  test('a list with one URL of another scheme is refused, naming the variable and what it expects', () => {
    expect(() => natsUrls('tls://n1:4222,http://n2:4222')).toThrow(/ACCORD_NATS_URL.*several separated by commas/);
  });

  test('a missing URL is refused, naming the variable', () => {
    expect(() => natsUrls(undefined)).toThrow(/ACCORD_NATS_URL/);
  });

  test('an integer outside its range is refused with the range', () => {
    expect(() => new EnvReader({ N: '0' }).integer('N', 5, 1, 10)).toThrow(/from 1 to 10/);
  });
});
