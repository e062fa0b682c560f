import { describe, expect, test } from 'vitest';
import { parseSetting, readSettings, SETTINGS } from '../../libs/settings/index.js';

const natsUrls = (value: string | undefined): string => parseSetting(SETTINGS.natsUrl, value);

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
    expect(() => parseSetting(SETTINGS.maxAttempts, '0')).toThrow(/from 1 to 100/);
  });

  test('an unset or empty setting takes its default, an optional path none', () => {
    expect([parseSetting(SETTINGS.httpPort, undefined), parseSetting(SETTINGS.httpPort, ''), parseSetting(SETTINGS.natsCa, '')]).toEqual([
      SETTINGS.httpPort.default,
      SETTINGS.httpPort.default,
      undefined,
    ]);
  });

  test('port 0 (any free port) is a valid ACCORD_HTTP_PORT', () => {
    expect(parseSetting(SETTINGS.httpPort, '0')).toBe(0);
  });

  test('a service reading a setting the table does not give it is refused, E_CONFIG naming both', () => {
    expect(() => readSettings('routing', { ACCORD_MAX_ATTEMPTS: '5' })(SETTINGS.maxAttempts)).toThrow(
      expect.objectContaining({ code: 'E_CONFIG', message: expect.stringMatching(/ACCORD_MAX_ATTEMPTS is not a setting of routing/) }),
    );
  });
});
