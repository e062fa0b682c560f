/**
 * Contexts, models and a stored view for the console's page tests, and the few readers
 * of rendered markup they share (test/harness/markup.ts: tags, attributes, forms).
 */
import type {
  AdminModel,
  ComposeModel,
  InboxModel,
  Lang,
  NoticeModel,
  PageContext,
  RequestsModel,
  Role,
  SentNoticeModel,
  StoredViewJson,
  TimelineModel,
  WidenAskForm,
  WidenRow,
  WithdrawFormModel,
  WithdrawnModel,
} from '../../libs/console/index.js';
import {
  agencyPreview,
  emptyDraft,
  noticeModelFrom,
  readComposeForm,
  renderCompose,
  renderAdmin,
  renderError,
  renderInbox,
  renderNotice,
  renderPasswordChange,
  renderPrint,
  renderRequests,
  renderSignIn,
  renderTimeline,
  renderWithdrawn,
  draftFromNotice,
  renderSentNotice,
  renderWithdrawForm,
  renderStatistics,
  statisticsModel,
} from '../../libs/console/index.js';
import { v1 } from '../../libs/proto/index.js';
import { statisticsPageModel } from '../harness/statistics-releases.js';

export const CSRF = 'csrf-token-Zm9vYmFy';
export const NOTICE_ID = '0f8e5c7a-3b1d-4c2e-9a6f-1d2c3b4a5e6f';

export function signedIn(lang: Lang = 'en', role: 'officer' | 'supervisor' | 'admin' = 'admin'): PageContext {
  return { lang, agency: 'ly-coastguard', officer: { name: 'amal.haddad', role }, csrfToken: CSRF };
}

export function signedOut(lang: Lang = 'en'): PageContext {
  return { lang, agency: 'ly-coastguard' };
}

/**
 * A view as the node stores it (proto3 JSON of accord.v1.DeliveredView, elements as
 * accord.v1.ViewElement JSON), built by hand after view.proto: a pseudonym, a profile, a
 * conveyance, a coarse location the bus derived, the scrubbed summary, and a smuggler's
 * identity withheld (3 values).
 */
export function realisticView(summary = 'A rubber boat left Zuwara at night with {{pseudonym 0}} at the helm.'): StoredViewJson {
  return {
    noticeId: NOTICE_ID,
    receivedAt: '2026-11-30T08:15:04.512Z',
    view: {
      format: 2,
      recipient: 'ly-coastguard',
      core: {
        noticeId: NOTICE_ID,
        issuingAgency: 'it-police',
        issuedAt: '2026-11-30T08:15:00Z',
        caseRef: 'IT-BA-2026-0042',
        type: 'ALERT',
        tlp: 'AMBER_STRICT',
        caveats: ['MINORS_INVOLVED'],
        mode: 'SEA',
        route: { origin: ['LY'], transit: ['MT'], destination: ['IT'] },
        addressees: ['ly-coastguard', 'mt-afm'],
        migrantCount: 48,
        deathsReported: 2,
        handling: ['NO_ONWARD_SHARING', 'CONSENT_BEFORE_ACTION'],
      },
      signerKid: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
      elements: [
        {
          id: 'c0nv3yance0000000000000',
          category: 'conveyance',
          path: 'conveyances/Cv7aQ2',
          conveyance: { kind: 'VESSEL', identifier: 'ZW-1234', flagCountry: 'LY' },
        },
        {
          id: 'l0cat10n00000000000000',
          category: 'core',
          path: 'locations/Lq9Zt1/coarse',
          derived: true,
          coarseLocation: { lat: 32, lon: 12, gridDegrees: 1, observedAt: '2026-11-29T22:40:00Z' },
        },
        {
          id: 'Pm4Rk8',
          category: 'person.profile',
          path: 'persons/Pm4Rk8/profile',
          personProfile: { role: 'SMUGGLER_SUSPECT', nationality: 'LY', minor: false },
        },
        {
          id: 'ps3ud0nym0000000000000',
          category: 'person.profile',
          path: 'persons/Pm4Rk8/pseudonym',
          derived: true,
          pseudonym: 'P-7QZK-3MXA',
        },
        { id: 'summ4ry000000000000000', category: 'summary', path: 'summary', derived: true, summary },
      ],
      withheld: [
        { path: 'locations/Lq9Zt1', category: 'location.precise', count: 1 },
        { path: 'persons/Pm4Rk8/identity', category: 'smuggler.identity', count: 3 },
      ],
      grantedCategories: ['core', 'person.profile', 'conveyance', 'summary'],
      policyVersion: 'mediterranean@7',
      ruleIds: ['coastguards-see-conveyances'],
      receivedAt: '2026-11-30T08:15:01.200Z',
    },
  };
}

export function noticeModel(): NoticeModel {
  return { ...noticeModelFrom(realisticView()), receiptAt: '2026-11-30T09:00:00Z' };
}

export const EARLIER_ID = '0f8e5c7a-0000-4000-8000-000000000001';
export const LATER_ID = '0f8e5c7a-0000-4000-8000-000000000003';
export const REQUEST_ID = '0f8e5c7a-0000-4000-8000-0000000000aa';

/** The realistic notice as the second of three versions, replying to one of the agency's own notices. */
export function updatedNoticeModel(): NoticeModel {
  return {
    ...noticeModel(),
    replyTo: [{ noticeId: REQUEST_ID, href: `/sent/${REQUEST_ID}` }],
    history: {
      versions: [
        { noticeId: EARLIER_ID, receivedAt: '2026-11-29T08:00:00Z' },
        { noticeId: NOTICE_ID, receivedAt: '2026-11-30T08:15:04Z' },
        { noticeId: LATER_ID, receivedAt: '2026-12-01T08:00:00Z' },
      ],
      supersededBy: { noticeId: LATER_ID, shared: true },
    },
  };
}

/** What a withdrawal left of the realistic notice. */
export function withdrawnModel(): WithdrawnModel {
  return {
    noticeId: NOTICE_ID,
    issuer: 'it-police',
    withdrawalCode: 'WRONG_PERSON',
    reason: 'The man named is not the suspect.',
    issuedAt: '2026-12-03T09:00:00Z',
    withdrawnAt: '2026-12-03T09:00:04Z',
    byNoticeId: LATER_ID,
    noticeIds: [EARLIER_ID, NOTICE_ID],
  };
}

export function inboxModel(): InboxModel {
  return {
    rows: [
      {
        noticeId: NOTICE_ID,
        tlp: 'AMBER_STRICT',
        type: 'ALERT',
        caseRef: 'IT-BA-2026-0042',
        issuer: 'it-police',
        receivedAt: '2026-11-30T08:15:04Z',
        readByMe: true,
        handling: ['NO_ONWARD_SHARING', 'CONSENT_BEFORE_ACTION'],
      },
      {
        noticeId: 'a1b2c3d4-0000-4000-8000-000000000001',
        tlp: 'RED',
        type: 'CASE_UPDATE',
        caseRef: 'MT-2026-7',
        issuer: 'mt-afm',
        receivedAt: '2026-11-30T10:00:00Z',
        readByMe: false,
        handling: [],
      },
    ],
    filters: { tlp: 'RED', unread: true, q: 'MT-2026' },
    choices: { types: ['ALERT', 'CASE_UPDATE'], issuers: ['it-police', 'mt-afm'], caseRefs: ['IT-BA-2026-0042', 'MT-2026-7'] },
    total: 2,
  };
}

export function timelineModel(): TimelineModel {
  return {
    caseRef: 'IT-BA-2026-0042',
    notices: [
      {
        noticeId: 'later-0000',
        tlp: 'GREEN',
        type: 'CASE_UPDATE',
        issuer: 'it-police',
        issuedAt: '2026-12-01T10:00:00Z',
        receivedAt: '2026-12-01T10:00:02Z',
      },
      {
        noticeId: NOTICE_ID,
        tlp: 'AMBER_STRICT',
        type: 'ALERT',
        issuer: 'it-police',
        issuedAt: '2026-11-30T08:15:00Z',
        receivedAt: '2026-11-30T08:15:04Z',
      },
    ],
  };
}

export function adminModel(created?: AdminModel['created']): AdminModel {
  return {
    officers: [
      { name: 'amal.haddad', role: 'admin', disabled: false, createdAt: '2026-11-01T09:00:00Z' },
      { name: 'omar.salem', role: 'officer', disabled: true, createdAt: '2026-11-02T09:00:00Z' },
    ],
    tokens: [
      {
        name: 'case-system',
        scopes: ['read', 'receipt'],
        revoked: false,
        createdAt: '2026-11-03T09:00:00Z',
        lastUsedAt: '2026-11-30T07:00:00Z',
      },
      { name: 'old-adapter', scopes: ['publish'], revoked: true, createdAt: '2026-10-03T09:00:00Z' },
    ],
    ...(created ? { created } : {}),
  };
}

/** A draft with a person, a marked-up summary and its preview, as the composer shows it after "Preview". */
export function composeModel(): ComposeModel {
  const draft = readComposeForm(
    {
      caseRef: ['IT-PA-2026-0042'],
      type: ['ALERT'],
      tlp: ['AMBER'],
      mode: ['SEA'],
      origin: ['NE'],
      transit: ['LY'],
      destination: ['IT'],
      addressees: ['it-police'],
      summary: ['{{persons[0].fullName}} steered the boat; {{migrant.identity:the boy’s uncle}} paid.'],
      'rows-persons': ['1'],
      'persons-0-role': ['SMUGGLER_SUSPECT'],
      'persons-0-fullName': ['Kamal Haddad'],
      'persons-0-minor': ['no'],
    },
    NOTICE_ID,
  );
  const decided = (agency: string, categories: string[]) =>
    agencyPreview(['core', 'person.profile', 'smuggler.identity', 'summary'], {
      agency,
      delivered: categories.length > 0,
      tlp: categories.length > 0 ? 'group-on-route' : 'outside',
      categories,
      ruleIds: ['rule-a'],
      invariants: [],
    });
  return {
    draft,
    directory: [
      { id: 'it-police', country: 'IT', role: 'police' },
      { id: 'ly-coastguard', country: 'LY', role: 'coastguard' },
    ],
    problems: [],
    preview: {
      policyVersion: 'default@3',
      agencies: [decided('it-police', ['core', 'person.profile', 'summary']), decided('gr-police', [])],
    },
    previewDigest: 'digest-of-the-draft',
    markedUp: [
      { ref: 'persons[0].fullName', text: 'Kamal Haddad' },
      { text: ' steered the boat; ' },
      { category: 'migrant.identity', text: 'the boy’s uncle' },
      { text: ' paid.' },
    ],
  };
}

export const ASKED_ID = '0f8e5c7a-0000-4000-8000-0000000000b1';
export const REFUSED_ID = '0f8e5c7a-0000-4000-8000-0000000000b2';
export const RELEASED_ID = '0f8e5c7a-0000-4000-8000-0000000000b3';
export const FRESH_REQUEST_ID = '0f8e5c7a-0000-4000-8000-0000000000b4';
export const OWN_NOTICE_ID = '0f8e5c7a-0000-4000-8000-0000000000c1';

/** A request to widen: the agency's, about the realistic notice, pending unless told otherwise. */
export function widenRow(overrides: Partial<WidenRow> = {}): WidenRow {
  return {
    requestId: ASKED_ID,
    noticeId: NOTICE_ID,
    requester: 'ly-coastguard',
    issuer: 'it-police',
    categories: ['smuggler.identity'],
    reason: 'The same skipper is in our case LY-77.',
    status: 'PENDING',
    requestedAt: '2026-12-01T10:00:00Z',
    noticeHref: `/notices/${NOTICE_ID}`,
    ...overrides,
  };
}

/** The realistic notice as its page shows it to an officer who may ask: the form (as typed, if given), and the agency's requests (one refused). */
export function widenNoticeModel(form?: WidenAskForm): NoticeModel {
  return {
    ...noticeModel(),
    widen: {
      requestId: FRESH_REQUEST_ID,
      reasonMax: 2000,
      ...(form ? { form } : {}),
      requests: [
        widenRow(),
        widenRow({
          requestId: REFUSED_ID,
          categories: ['location.precise'],
          status: 'REFUSED',
          decidedAt: '2026-12-02T09:00:00Z',
          refusal: 'Not while the operation runs.',
        }),
      ],
    },
  };
}

/** The realistic notice as a supplementary view: the issuer released the smuggler's identity on a request. */
export function supplementNoticeModel(): NoticeModel {
  return { ...widenNoticeModel(), supplement: { requestId: RELEASED_ID, categories: ['smuggler.identity'] } };
}

/** The Requests page: two addressed to the agency (one pending of a notice it published, one pending of one it did not), one of its own. */
export function requestsModel(): RequestsModel {
  const incoming = (overrides: Partial<WidenRow>): WidenRow =>
    widenRow({
      noticeId: OWN_NOTICE_ID,
      requester: 'it-police',
      issuer: 'ly-coastguard',
      noticeHref: `/sent/${OWN_NOTICE_ID}`,
      ...overrides,
    });
  return {
    lists: {
      incoming: [
        incoming({ requestId: REFUSED_ID, reason: 'For the prosecutor in Bari.', releasable: true }),
        incoming({ requestId: RELEASED_ID, requester: 'mt-afm', categories: ['financial'], releasable: false }),
        incoming({ requestId: FRESH_REQUEST_ID, status: 'RELEASED', decidedAt: '2026-12-02T11:00:00Z' }),
      ],
      outgoing: [widenRow()],
    },
    limits: { reasonMax: 2000, releaseDays: { default: 7, max: 30 } },
  };
}

/** The same context, signed in under another role (a signed-out context stays signed out). */
export function asRole(ctx: PageContext, role: Role): PageContext {
  return ctx.officer ? { ...ctx, officer: { ...ctx.officer, role } } : ctx;
}

// Replies, updates, withdrawals

export const SENT_ID = '0f8e5c7a-0000-4000-8000-0000000000bb';
export const WITHDRAWAL_ID = '0f8e5c7a-0000-4000-8000-0000000000cc';

/** The same context as a supervisor's, who may send (a signed-out context stays as it is). */
export function asSupervisor(ctx: PageContext): PageContext {
  return ctx.officer ? { ...ctx, officer: { ...ctx.officer, role: 'supervisor' } } : ctx;
}

/** One of the agency's own notices, which the node keeps: its page offers a new version and a withdrawal. */
export function sentNoticeModel(): SentNoticeModel {
  return {
    noticeId: SENT_ID,
    changeable: true,
    track: {
      status: 'accepted',
      policyVersion: 'mediterranean@7',
      handling: [],
      deliveries: [{ recipient: 'it-police', deliveredAt: '2026-12-01T08:00:01Z', categories: ['core'], withheldCategories: ['summary'] }],
      receipts: [],
    },
    replies: [],
  };
}

/** The composer opened for a reply to the realistic notice, addressed to its issuer. */
export function composeReplyModel(): ComposeModel {
  const { draft } = draftFromNotice(
    v1.CaseNotice.create({
      noticeId: WITHDRAWAL_ID,
      caseRef: 'IT-BA-2026-0042',
      addressees: ['it-police'],
      relations: [{ kind: v1.RelationKind.REPLY, noticeId: NOTICE_ID }],
    }),
  );
  return { draft, directory: [{ id: 'it-police', country: 'IT', role: 'police' }], problems: [] };
}

/** The composer opened for a new version of an own notice with two documents for one person (the form holds one). */
export function composeUpdateModel(): ComposeModel {
  const { draft, leftOut } = draftFromNotice(
    v1.CaseNotice.create({
      noticeId: WITHDRAWAL_ID,
      caseRef: 'LY-2026-7',
      type: v1.NoticeType.ALERT,
      tlp: v1.Tlp.AMBER,
      summary: '{{persons[0].fullName}} steered the boat.',
      persons: [
        {
          role: v1.PersonRole.SMUGGLER_SUSPECT,
          fullName: 'Kamal Haddad',
          documents: [
            { kind: 'passport', number: 'LY4455667' },
            { kind: 'id card', number: 'LY-ID-1' },
          ],
        },
      ],
      relations: [
        { kind: v1.RelationKind.REPLY, noticeId: NOTICE_ID },
        { kind: v1.RelationKind.UPDATE, noticeId: SENT_ID },
      ],
    }),
  );
  return { draft, directory: [], problems: [], leftOut };
}

/** The withdrawal form of an own notice, first shown, or shown again with what is wrong. */
export function withdrawFormModel(problems: WithdrawFormModel['problems'] = []): WithdrawFormModel {
  return {
    noticeId: SENT_ID,
    withdrawalId: WITHDRAWAL_ID,
    code: problems.length ? '' : 'INACCURATE',
    reason: '',
    reasonMaxChars: 2000,
    problems,
  };
}

/** Every page of the console for one context, by name. */
export function everyPage(ctx: PageContext) {
  return {
    signIn: renderSignIn(ctx, {}),
    signInFailed: renderSignIn(ctx, { failed: true, name: 'amal.haddad' }),
    passwordOneTime: renderPasswordChange(ctx, { oneTime: true }),
    password: renderPasswordChange(ctx, { oneTime: false, failed: 'error.passwordWrong' }),
    inbox: renderInbox(ctx, inboxModel()),
    notice: renderNotice(ctx, noticeModel()),
    print: renderPrint(ctx, noticeModel()),
    noticeVersions: renderNotice(ctx, updatedNoticeModel()),
    withdrawn: renderWithdrawn(ctx, withdrawnModel()),
    noticeWiden: renderNotice(asRole(ctx, 'officer'), widenNoticeModel({ categories: ['smuggler.identity'], reason: 'Kept as typed.' })),
    noticeWidenUnavailable: renderNotice(asRole(ctx, 'officer'), {
      ...noticeModel(),
      widen: { requestId: FRESH_REQUEST_ID, reasonMax: 2000 },
    }),
    noticeSupplement: renderNotice(asRole(ctx, 'supervisor'), supplementNoticeModel()),
    requests: renderRequests(asRole(ctx, 'supervisor'), requestsModel()),
    requestsOfficer: renderRequests(asRole(ctx, 'officer'), requestsModel()),
    requestsUnavailable: renderRequests(asRole(ctx, 'supervisor'), { limits: requestsModel().limits }),
    timeline: renderTimeline(ctx, timelineModel()),
    admin: renderAdmin(
      ctx,
      adminModel({
        kind: 'officer',
        name: 'nour.ali',
        oneTimePassword: 'x7-one-time',
        totpUri: 'otpauth://totp/Accord:nour.ali?secret=ABC',
      }),
    ),
    adminToken: renderAdmin(ctx, adminModel({ kind: 'token', name: 'case-system-2', token: 'acc_0123456789abcdef' })),
    error: renderError(ctx, 404, 'error.notFound'),
    compose: renderCompose(ctx, { draft: emptyDraft(NOTICE_ID), directory: undefined, problems: [] }),
    composePreview: renderCompose(ctx, composeModel()),
    // Replies, updates, withdrawals
    noticeForSupervisor: renderNotice(asSupervisor(ctx), noticeModel()),
    sentNotice: renderSentNotice(asSupervisor(ctx), sentNoticeModel()),
    composeReply: renderCompose(asSupervisor(ctx), composeReplyModel()),
    composeUpdate: renderCompose(asSupervisor(ctx), composeUpdateModel()),
    withdrawForm: renderWithdrawForm(asSupervisor(ctx), withdrawFormModel()),
    withdrawFormProblems: renderWithdrawForm(
      asSupervisor(ctx),
      withdrawFormModel([
        { field: 'code', message: 'Choose the reason code.' },
        { field: 'reason', message: 'Write the reason for the recipients.' },
      ]),
    ),
    // Statistics: a release shown, none yet, a period without one
    statistics: renderStatistics(asRole(ctx, 'officer'), statisticsPageModel()),
    statisticsEmpty: renderStatistics(asRole(ctx, 'officer'), statisticsModel([])),
    statisticsMissing: renderStatistics(asRole(ctx, 'officer'), statisticsPageModel('2025-01')),
  };
}

export { controlNames, forms, squash, tags } from '../harness/markup.js';
