import { describe, expect, test } from 'vitest';
import { renderSentNotice, type SentNoticeModel } from '../../libs/console/index.js';
import { NOTICE_ID, signedIn, squash } from './console-fixture.js';

function sentModel(handling: string[]): SentNoticeModel {
  return {
    noticeId: NOTICE_ID,
    track: { status: 'accepted', policyVersion: 'p@1', handling, deliveries: [], receipts: [] },
  };
}

describe("a sent notice's page", () => {
  test("a sent notice's page shows the codes it was accepted with, from the track", () => {
    const markup = squash(renderSentNotice(signedIn('en', 'supervisor'), sentModel(['NO_ONWARD_SHARING'])));
    expect(markup).toContain('<h2 id="handling-h">Handling codes set on this notice</h2>');
    expect(markup).toContain('<strong class="handling-code">No onward sharing</strong>');
    expect(renderSentNotice(signedIn('en', 'supervisor'), sentModel([]))).not.toContain('handling-h');
  });
});
