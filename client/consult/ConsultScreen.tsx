import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ANNOTATION_COLORS, type Annotation, type AnnotationDraft, type Participant } from '../../shared/consult.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { ConnectionBadge, DemoBadge } from '../ui/badges.tsx';
import { ALL_LAYERS, type LayerVisibility } from '../map/layer-visibility.ts';
import { ConsultSession } from './consult-session.ts';
import { isPresenting, useConsult } from './useConsult.ts';
import './consult.css';
import { lazyMap } from '../map/LazyMap.tsx';

/** The room's map, in its own chunk. */
export const consultMap = lazyMap(() => import('./ConsultMap.tsx'));

const TOOLS: AnnotationDraft['kind'][] = ['marker', 'line', 'polygon', 'circle'];
const NONE: Annotation[] = [];

function Video({ stream, muted, label, testId }: { stream: MediaStream; muted: boolean; label: string; testId: string }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current && video.current.srcObject !== stream) video.current.srcObject = stream;
  }, [stream]);
  return (
    <figure className="consult-video">
      <video ref={video} autoPlay playsInline muted={muted} data-testid={testId} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/** Who is in the room, who presents, who asks; the presenter hands control over from here. */
function Participants({ session }: { session: ConsultSession }) {
  const { t } = useTranslation();
  const room = useConsult(session, (v) => v.room);
  const you = useConsult(session, (v) => v.you);
  const presenting = useConsult(session, isPresenting);
  if (!room) return null;
  const tag = (p: Participant) =>
    [p.id === room.presenter && t('consult.presenter'), p.id === you && t('consult.you'), room.requests.includes(p.id) && t('consult.asking')]
      .filter(Boolean)
      .join(' · ');
  return (
    <section className="consult-panel" data-testid="participants">
      <h2>{t('consult.participants', { count: room.participants.length })}</h2>
      <ul>
        {room.participants.map((p) => (
          <li key={p.id} className={p.id === room.presenter ? 'presenter' : ''}>
            <span>
              {p.name} <small>{tag(p)}</small>
            </span>
            <span className="media">{(p.audio ? '🎤' : '') + (p.video ? '📷' : '')}</span>
            {presenting && p.id !== you && (
              <button onClick={() => void session.handOver(p.id)} data-testid="hand-over">
                {t('consult.handOver')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!presenting && you && !room.requests.includes(you) && (
        <button onClick={() => void session.requestControl()} data-testid="request-control">
          {t('consult.requestControl')}
        </button>
      )}
    </section>
  );
}

/** Drawing on the shared map: the tool, its colour and label, a ring's radius; a line or area is finished here. */
function AnnotationTools({ session }: { session: ConsultSession }) {
  const { t } = useTranslation();
  const drawing = useConsult(session, (v) => v.drawing);
  const annotations = useConsult(session, (v) => v.room?.annotations) ?? NONE;
  return (
    <section className="consult-panel" data-testid="annotation-tools">
      <h2>{t('consult.annotate')}</h2>
      <div className="tools">
        {TOOLS.map((kind) => (
          <button
            key={kind}
            className={drawing.kind === kind ? 'active' : ''}
            data-tool={kind}
            onClick={() => session.setDrawing({ kind: drawing.kind === kind ? null : kind, points: [] })}
          >
            {t(`consult.tool.${kind}`)}
          </button>
        ))}
      </div>
      <div className="colors">
        {ANNOTATION_COLORS.map((c) => (
          <button
            key={c}
            aria-label={c}
            className={drawing.color === c ? 'active' : ''}
            style={{ background: c }}
            onClick={() => session.setDrawing({ color: c })}
          />
        ))}
      </div>
      <input
        placeholder={t('consult.label')}
        value={drawing.label}
        maxLength={60}
        onChange={(e) => session.setDrawing({ label: e.target.value })}
        data-testid="annotation-label"
      />
      {drawing.kind === 'circle' && (
        <label>
          {t('consult.radius')}{' '}
          <input
            type="number"
            min={0.01}
            max={200}
            step={0.5}
            value={drawing.radiusKm}
            onChange={(e) => session.setDrawing({ radiusKm: Number(e.target.value) })}
          />{' '}
          km
        </label>
      )}
      {(drawing.kind === 'line' || drawing.kind === 'polygon') && (
        <button onClick={() => session.finishDrawing()} disabled={drawing.points.length < (drawing.kind === 'line' ? 2 : 3)} data-testid="finish-drawing">
          {t('consult.finish', { count: drawing.points.length })}
        </button>
      )}
      <p className="hint">{drawing.kind ? t('consult.clickMap') : t('consult.pickTool')}</p>
      <ol className="annotation-list" data-testid="annotation-list">
        {annotations.map((a) => (
          <li key={a.id} style={{ borderLeftColor: a.color }}>
            {t(`consult.tool.${a.kind}`)} {a.label} {a.kind === 'circle' && `${a.radiusKm} km`} <small>{a.author}</small>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Camera and microphone: share, mute, camera off; every participant's picture. */
function VideoWall({ session }: { session: ConsultSession }) {
  const { t } = useTranslation();
  const local = useConsult(session, (v) => v.local);
  const audio = useConsult(session, (v) => v.audio);
  const video = useConsult(session, (v) => v.video);
  const remote = useConsult(session, (v) => v.remote);
  const room = useConsult(session, (v) => v.room);
  const nameOf = (id: string) => room?.participants.find((p) => p.id === id)?.name ?? id;
  return (
    <section className="consult-panel consult-videos" data-testid="videos">
      <div className="media-controls">
        {!local && (
          <button onClick={() => void session.shareMedia()} data-testid="share-media">
            {t('consult.shareMedia')}
          </button>
        )}
        {local && <button onClick={() => void session.toggle('audio')}>{audio ? t('consult.mute') : t('consult.unmute')}</button>}
        {local && <button onClick={() => void session.toggle('video')}>{video ? t('consult.cameraOff') : t('consult.cameraOn')}</button>}
      </div>
      <div className="video-grid">
        {local && <Video stream={local} muted label={t('consult.you')} testId="local-video" />}
        {[...remote].map(([id, stream]) => (
          <Video key={id} stream={stream} muted={false} label={nameOf(id)} testId="remote-video" />
        ))}
      </div>
    </section>
  );
}

/**
 * 视频会商: several sites on one map. The presenter's view is everyone's; anyone draws on it; video runs
 * between the participants; the session's record can be read and exported.
 */
export function ConsultScreen({ room, incidentId }: { room: string; incidentId: string | null }) {
  const { t } = useTranslation();
  const store = useLiveStore();
  const [session] = useState(() => new ConsultSession(store.socket()!, room, incidentId));
  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);
  const live = useLive((v) => v.sync.live);
  const presenting = useConsult(session, isPresenting);
  const followed = useConsult(session, (v) => v.view?.layers);
  const error = useConsult(session, (v) => v.error);
  const [own, setOwn] = useState<LayerVisibility>(ALL_LAYERS);
  const visible = presenting ? own : (followed ?? own);
  const leave = () => {
    session.stop();
    window.location.href = '/';
  };

  return (
    <div className="consult" data-testid="consult" data-presenting={presenting}>
      <header className="consult-header">
        <h1>
          {t('consult.title')} · {room}
        </h1>
        {incidentId && <span className="incident-tag">{t('consult.incident', { id: incidentId })}</span>}
        <DemoBadge />
        <ConnectionBadge />
        <a href={`/api/consult/${room}/record?format=text`} download>
          {t('consult.summary')}
        </a>
        <a href={`/api/consult/${room}/record`} download>
          JSON
        </a>
        <button onClick={leave} data-testid="leave">
          {t('consult.leave')}
        </button>
      </header>
      <main className="consult-map">
        <consultMap.Map live={live} visible={visible} session={session} />
        <div className="consult-layers">
          {(['riskPoints', 'fireAlerts', 'warnings'] as const).map((key) => (
            <label key={key}>
              <input type="checkbox" disabled={!presenting} checked={visible[key]} onChange={() => setOwn({ ...own, [key]: !own[key] })} /> {t(`map.${key}`)}
            </label>
          ))}
        </div>
        {!presenting && <div className="following">{t('consult.following')}</div>}
        {error && <div className="refusal consult-error">{error}</div>}
      </main>
      <aside className="consult-side">
        <Participants session={session} />
        <VideoWall session={session} />
        <AnnotationTools session={session} />
      </aside>
    </div>
  );
}
