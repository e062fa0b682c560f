import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signNotice } from '../../../libs/client/index.js';
import {
  agencyPreview,
  COLLECTION_NAMES,
  draftToNoticeJson,
  emptyDraft,
  fieldOfPath,
  markedSummary,
  noticeCategories,
  readComposeForm,
  renderCompose,
  renderError,
  sentPath,
  type ComposeDraft,
  type ComposeModel,
  type DirectoryEntryModel,
  type DraftProblem,
  type FormValues,
  type PageContext,
} from '../../../libs/console/index.js';
import { errorMessage, isAccordError } from '../../../libs/errors/index.js';
import { apiSchemas, bodyDigest, takeSubmission } from '../../../libs/node/index.js';
import { noticeFromJsonObject, validateNotice } from '../../../libs/notice/index.js';
import type { CaseNotice } from '../../../libs/proto/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { settleSubmission } from '../watch-decisions.js';
import { pageContext, refuseWithoutCsrf, requireOfficer, type ConsoleSession } from './console-session.js';
import { relationProblems, replyDraft, updateDraft } from './relation-drafts.js';
import { field } from '../../shared/form-body.js';

const HTML = 'text/html; charset=utf-8';

type Checked = { notice: CaseNotice; json: Record<string, unknown>; model: Pick<ComposeModel, 'markedUp'> } | { problems: DraftProblem[] };

/** The draft as the notice ingest will check: the form's own problems first, then ingest's checks, each on its field. */
function checkDraft(draft: ComposeDraft, agency: string): Checked {
  const { notice: json, problems } = draftToNoticeJson(draft);
  if (problems.length > 0) return { problems };
  try {
    const notice = noticeFromJsonObject({ ...json, issuingAgency: agency, issuedAt: new Date().toISOString() });
    validateNotice(notice);
    return { notice, json, model: { markedUp: markedSummary(notice) } };
  } catch (error) {
    if (!isAccordError(error)) throw error;
    return { problems: [{ field: fieldOfPath(error.path ?? ''), message: error.message }] };
  }
}

/** A supervisor composes a notice, previews what each agency would receive, and sends exactly what was previewed. */
export function registerConsoleComposeRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const submissionDeps = { bus: deps.bus, submissions: deps.submissions, events: deps.events, log: deps.log };
  const forbidden = (ctx: PageContext): string => renderError(ctx, 403, 'error.forbidden');
  const supervisor = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined =>
    requireOfficer(request, reply, deps, ['supervisor'], forbidden);

  /** The agencies to address; undefined (the page says so) when the bus does not answer. */
  async function directory(): Promise<DirectoryEntryModel[] | undefined> {
    try {
      return (await deps.bus.directory()).map((a) => ({ id: a.id, country: a.country, role: a.role }));
    } catch (error) {
      deps.log.warn('the agency directory could not be read', { error: errorMessage(error) });
      return undefined;
    }
  }

  const show = async (reply: FastifyReply, ctx: PageContext, model: Omit<ComposeModel, 'directory'>, status = 200): Promise<FastifyReply> =>
    reply
      .code(status)
      .type(HTML)
      .send(renderCompose(ctx, { ...model, directory: await directory() }));

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/compose',
    {
      config: {
        summary: 'the console: compose a notice (?replyTo=, ?update=: a reply or a new version) and preview what each agency would receive',
      },
    },
    async (request, reply) => {
      const signedIn = supervisor(request, reply);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const { replyTo, update } = request.query;
      const related = update ?? replyTo;
      if (related === undefined) return show(reply, ctx, { draft: emptyDraft(randomUUID()), problems: [] });
      // A reply to a notice received, or a new version of one sent: anything else names nothing to start from.
      const made = !apiSchemas.isNoticeId(related)
        ? undefined
        : update !== undefined
          ? updateDraft(deps, related, randomUUID())
          : replyDraft(deps, related, randomUUID());
      if (!made)
        return reply
          .code(404)
          .type(HTML)
          .send(renderError(ctx, 404, 'error.notFound'));
      return show(reply, ctx, { draft: made.draft, problems: [], ...(made.leftOut.length > 0 ? { leftOut: made.leftOut } : {}) });
    },
  );

  app.post(
    '/compose',
    { config: { summary: 'the console: add a row to the draft, preview it, or send it as previewed' } },
    async (request, reply) => {
      const signedIn = supervisor(request, reply);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const refused = refuseWithoutCsrf(request, reply, ctx, signedIn);
      if (refused) return refused;
      const form = request.body as FormValues;
      const given = field(form, 'noticeId', { optional: true });
      const noticeId = given !== undefined && apiSchemas.isNoticeId(given) ? given : randomUUID();
      const action = field(form, 'action', { optional: true }) ?? 'preview';
      const adding = COLLECTION_NAMES.find((c) => action === `add-${c}`);
      const draft = readComposeForm(form, noticeId, adding);
      if (adding) return show(reply, ctx, { draft, problems: [] });

      const checked = checkDraft(draft, deps.agency);
      const related = relationProblems(deps, ctx.lang, draft);
      if ('problems' in checked || related.length > 0)
        return show(reply, ctx, { draft, problems: [...related, ...('problems' in checked ? checked.problems : [])] }, 400);
      const digest = bodyDigest(checked.json);
      const previewed = field(form, 'previewDigest', { optional: true, max: 128 });
      try {
        if (action === 'send' && previewed === digest) {
          let submission = await takeSubmission(
            deps.submissions,
            { body: checked.json, agency: deps.agency, submittedBy: `officer:${signedIn.session.officer.name}`, now: new Date() },
            (notice) => signNotice(notice, deps.signingKey),
          );
          if (submission.status === 'pending') submission = await settleSubmission(submissionDeps, submission, deps.decisionWaitMs);
          return await reply.redirect(sentPath(submission.noticeId), 303);
        }
        return await previewAgain(
          reply,
          ctx,
          draft,
          checked,
          digest,
          action === 'send' ? (previewed === undefined ? 'first' : 'stale') : undefined,
        );
      } catch (error) {
        if (!isAccordError(error)) throw error;
        // The bus did not answer: the draft stays on the page, to preview or send again.
        if (error.code === 'E_UNAVAILABLE')
          return show(reply, { ...ctx, flash: { kind: 'error', messageKey: 'error.unavailable' } }, { draft, problems: [] }, 503);
        // This noticeId was sent before with other content (sent, then changed): a new draft needs a new id.
        const again = error.code === 'E_CONFLICT' ? { ...draft, noticeId: randomUUID() } : draft;
        return show(reply, ctx, { draft: again, problems: [{ field: fieldOfPath(error.path ?? ''), message: error.message }] }, 409);
      }
    },
  );

  async function previewAgain(
    reply: FastifyReply,
    ctx: PageContext,
    draft: ComposeDraft,
    checked: Extract<Checked, { notice: CaseNotice }>,
    digest: string,
    previewNote: ComposeModel['previewNote'],
  ): Promise<FastifyReply> {
    const answer = await deps.bus.preview(checked.notice);
    if (answer.error?.code)
      return show(
        reply,
        ctx,
        { draft, problems: [{ field: fieldOfPath(answer.errorPath ?? ''), message: answer.error.message ?? '' }] },
        400,
      );
    const held = noticeCategories(checked.notice);
    const preview = {
      policyVersion: answer.policyVersion ?? '',
      agencies: answer.agencies.map((a) =>
        agencyPreview(held, {
          agency: a.agency ?? '',
          delivered: a.delivered === true,
          tlp: a.tlp ?? 'outside',
          categories: [...(a.categories ?? [])],
          ruleIds: [...(a.ruleIds ?? [])],
          invariants: (a.invariants ?? []).map((i) => ({ invariant: i.invariant ?? '', removed: [...(i.removed ?? [])] })),
        }),
      ),
    };
    // A send of a draft changed since its preview (or never previewed) shows the preview again instead.
    return show(reply, ctx, {
      draft,
      problems: [],
      preview,
      previewDigest: digest,
      ...checked.model,
      ...(previewNote ? { previewNote } : {}),
    });
  }
}
