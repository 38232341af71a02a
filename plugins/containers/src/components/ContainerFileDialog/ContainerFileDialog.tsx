import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CodeSnippet,
  MarkdownContent,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { containersApiRef } from '../../api';
import {
  CONTAINER_FILE_PARAM,
  containerFileHref,
  githubHeadingSlug,
  isLocalContainer,
  resolveLinkedFile,
} from '../../lib/containerFiles';
import { safeHref } from '../../lib/safeLink';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    paddingRight: theme.spacing(1),
  },
  path: {
    flex: 1,
    minWidth: 0,
    fontFamily: 'monospace',
    overflowWrap: 'anywhere',
  },
  content: { minHeight: theme.spacing(20) },
}));

/** The backend's own words for a refused file (the response body), else the error's message. */
function reason(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    return (error as ResponseError).body?.error?.message ?? error.message;
  }
  return error.message;
}

/**
 * What Backstage's MarkdownContent and CodeSnippet leave out, added to their output: a task-list
 * checkbox (`- [ ] step`) is named by its item's text, and a code block, which scrolls
 * sideways, can take the keyboard's focus so it can be scrolled without a mouse (as GitHub
 * renders both).
 */
function completeForAssistiveTechnology(root: HTMLElement) {
  for (const box of Array.from(
    root.querySelectorAll<HTMLInputElement>('li > input[type="checkbox"]'),
  )) {
    const text = box.parentElement?.textContent?.trim();
    if (text && !box.hasAttribute('aria-label')) {
      box.setAttribute('aria-label', text.slice(0, 200));
    }
  }
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    if (!pre.hasAttribute('tabindex')) pre.setAttribute('tabindex', '0');
  }
}

function ContainerFileView(props: { entityRef: string; path: string }) {
  const { entityRef, path } = props;
  const containersApi = useApi(containersApiRef);
  const location = useLocation();
  const contentRef = useRef<HTMLDivElement>(null);
  const { value, loading, error } = useAsync(
    () => containersApi.getContainerFile(entityRef, path),
    [containersApi, entityRef, path],
  );

  // Links in a Markdown file are relative to that file: other files of the checkout open in
  // this viewer, `#section` scrolls to the heading (GitHub's anchors), web links stay as they
  // are. Anything else comes back empty, which MarkdownContent renders as the link's text.
  const transformLinkUri = useCallback(
    (href: string) => {
      let target = href;
      if (href.startsWith('#')) {
        target = `${location.pathname}${location.search}${href}`;
      } else {
        const linked = resolveLinkedFile(path, href);
        if (linked) {
          target = containerFileHref(location, linked.path, linked.hash);
        }
      }
      return safeHref(target) ?? '';
    },
    [location, path],
  );

  // Code blocks highlight once their language has loaded, after this renders: watch for them.
  useEffect(() => {
    const root = contentRef.current;
    if (!value || !root) return undefined;
    completeForAssistiveTechnology(root);
    const observer = new MutationObserver(() =>
      completeForAssistiveTechnology(root),
    );
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [value]);

  useEffect(() => {
    const anchor = decodeURIComponent(location.hash.replace(/^#/, ''));
    if (!value || !anchor || !contentRef.current) return;
    const headings = Array.from(
      contentRef.current.querySelectorAll<HTMLElement>(
        'h1, h2, h3, h4, h5, h6',
      ),
    );
    const heading = headings.find(
      h => h.id === anchor || githubHeadingSlug(h.textContent ?? '') === anchor,
    );
    heading?.scrollIntoView?.({ block: 'start' });
  }, [value, location.hash]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <Alert severity="error">
        <AlertTitle>This file cannot be shown</AlertTitle>
        {reason(error)}
      </Alert>
    );
  }
  if (!value) {
    return null;
  }
  return (
    <div ref={contentRef}>
      {value.language === 'markdown' ? (
        <MarkdownContent
          content={value.content}
          transformLinkUri={transformLinkUri}
        />
      ) : (
        <CodeSnippet
          text={value.content}
          language={value.language}
          showLineNumbers
          showCopyCodeButton
        />
      )}
    </div>
  );
}

/**
 * Shows a file of a container read from the portal's own disk — its runbook, compose example,
 * ADR or config files — when the page address asks for it (`?containerFile=<path>`, what
 * `ContainerPathLink` links to). Markdown is rendered; other files are shown as highlighted
 * source. Closing it removes the parameter again.
 */
export function ContainerFileDialog() {
  const classes = useStyles();
  const titleId = useId();
  const { entity } = useEntity();
  const location = useLocation();
  const navigate = useNavigate();
  const entityRef = useMemo(() => stringifyEntityRef(entity), [entity]);
  const path = new URLSearchParams(location.search).get(CONTAINER_FILE_PARAM);
  const open = Boolean(path) && isLocalContainer(entity);

  const close = () => {
    const params = new URLSearchParams(location.search);
    params.delete(CONTAINER_FILE_PARAM);
    const search = params.toString();
    navigate(
      { pathname: location.pathname, search: search ? `?${search}` : '' },
      { replace: true },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      fullWidth
      maxWidth="md"
      scroll="paper"
      aria-labelledby={titleId}
    >
      <DialogTitle disableTypography className={classes.title}>
        <Typography
          id={titleId}
          variant="h6"
          component="h2"
          className={classes.path}
        >
          {path}
        </Typography>
        <IconButton aria-label="Close" onClick={close}>
          <CloseIcon />
        </IconButton>
      </DialogTitle>
      <DialogContent dividers className={classes.content}>
        {open && path && (
          <ContainerFileView entityRef={entityRef} path={path} />
        )}
      </DialogContent>
    </Dialog>
  );
}
