import { Route, Routes } from 'react-router-dom';
import {
  AcceptInvitePage,
  CustomerLoginPage,
  ForgotPasswordPage,
  ResetPasswordPage,
} from './AccountPages.tsx';
import BookingFormPage from './BookingFormPage.tsx';
import { BookLayout } from './BookLayout.tsx';

/** The public booking site of one business: /book/<slug>, its login, invitation and reset pages. */
export default function BookRoutes() {
  return (
    <Routes>
      <Route element={<BookLayout />}>
        <Route index element={<BookingFormPage />} />
        <Route path="login" element={<CustomerLoginPage />} />
        <Route path="invite" element={<AcceptInvitePage />} />
        <Route path="reset" element={<ResetPasswordPage />} />
        <Route path="forgot" element={<ForgotPasswordPage />} />
      </Route>
    </Routes>
  );
}
